package org.chatvault.client.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Every importer there is, and format detection over them. */
public final class Importers {
    /** In detection order; each importer's {@link Importer#recognizes} is strict enough that order rarely matters. */
    private static final List<Importer> ALL = all(new java.util.ArrayList<>());

    private Importers() {}

    private static List<Importer> all(List<Importer> list) {
        // one line per importer: list.add(new SomeImporter());
        list.add(new org.chatvault.client.importer.chatvault.ChatvaultJsonImporter());
        list.add(new org.chatvault.client.importer.qq.QqImporter());
        list.add(new org.chatvault.client.importer.wechat.WeChatCsvImporter());
        list.add(new org.chatvault.client.importer.wechat.WeChatJsonImporter());
        list.add(new org.chatvault.client.importer.whatsapp.WhatsAppImporter());
        list.add(new org.chatvault.client.importer.telegram.TelegramImporter());
        return List.copyOf(list);
    }

    public static List<Importer> available() { return ALL; }

    /** @throws ImportException when no importer reads {@code format} (never for a format of {@link ImportFormat}) */
    public static Importer of(ImportFormat format) {
        for (Importer i : ALL) if (i.format() == format) return i;
        throw new IllegalStateException("no importer for " + format.cliName());
    }

    /** The importer whose format {@code path} looks like. */
    public static Importer detect(Path path) {
        for (Importer i : ALL) {
            try {
                if (i.recognizes(path)) return i;
            } catch (IOException e) {
                throw ImportException.unreadable(path, e);
            }
        }
        throw ImportException.of(path, "not an export Chatvault recognizes (expected one of " + ImportFormat.names()
                + "); if you know its format, name it with --format");
    }
}
