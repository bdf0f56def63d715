package org.chatvault.client.importer;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The exports Chatvault can read, by the name the command line uses for each. */
public enum ImportFormat {
    /** Telegram Desktop's machine-readable export: a chat's {@code result.json} or a full {@code DataExport}. */
    TELEGRAM("telegram"),
    /** WhatsApp's "Export chat": the {@code .txt}, or the {@code .zip} with media. */
    WHATSAPP("whatsapp"),
    /** QQ's message manager {@code .txt} export. */
    QQ("qq"),
    /** WeChat as the common open-source export tools write it: CSV with {@code localId,TalkerId,Type,…}. */
    WECHAT_CSV("wechat-csv"),
    /** WeChat as JSON (or CSV) with {@code id, MsgSvrID, type_name, is_sender, talker, …}. */
    WECHAT_JSON("wechat-json"),
    /** Chatvault's own JSON export (docs/EXPORT.md): re-imports losslessly. */
    CHATVAULT_JSON("chatvault-json");

    private final String cliName;

    ImportFormat(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }

    /** @throws IllegalArgumentException naming the formats there are */
    public static ImportFormat fromCliName(String name) {
        for (ImportFormat f : values()) if (f.cliName.equalsIgnoreCase(name)) return f;
        throw new IllegalArgumentException("unknown import format '" + name + "': expected auto or one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ImportFormat::cliName).collect(Collectors.joining(", "));
    }
}
