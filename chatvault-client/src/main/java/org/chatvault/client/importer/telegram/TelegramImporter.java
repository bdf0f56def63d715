package org.chatvault.client.importer.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.importer.Importer;

/**
 * Telegram Desktop's machine-readable (JSON) export: a chat's {@code result.json}, a full
 * {@code DataExport}'s {@code result.json}, or the folder holding either. Conversation ids are
 * {@code telegram-<chat id>} (negative ids of migrated groups included), message ids Telegram's
 * own, times its {@code date_unixtime} (UTC), so a re-import or an import on another device merges.
 */
public final class TelegramImporter implements Importer {
    static final String RESULT = "result.json";
    private static final int SNIFF_BYTES = 4096;
    /** What the first bytes of a Telegram export hold: a chat's type, or the full export's opening sections. */
    private static final Pattern TELEGRAM_HEAD = Pattern.compile(
            "\"type\"\\s*:\\s*\"(personal_chat|bot_chat|saved_messages|private_group|private_supergroup|public_supergroup"
                    + "|public_channel|private_channel)\"|\"personal_information\"\\s*:|\"chats\"\\s*:\\s*\\{\\s*\"about\"");

    @Override public ImportFormat format() { return ImportFormat.TELEGRAM; }

    @Override public boolean recognizes(Path path) throws IOException {
        if (Files.isDirectory(path)) return Files.isRegularFile(path.resolve(RESULT)) && looksLikeTelegram(path.resolve(RESULT));
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") && Files.isRegularFile(path) && looksLikeTelegram(path);
    }

    private static boolean looksLikeTelegram(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        String text = new String(head, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) text = text.substring(1).strip();
        return text.startsWith("{") && TELEGRAM_HEAD.matcher(text).find();
    }

    @Override public void read(Path path, ImportOptions options, ImportSink sink) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(RESULT) : path;
        if (!Files.isRegularFile(file))
            throw ImportException.of(path, "expected a Telegram Desktop export: a folder with " + RESULT + ", or the JSON file itself");
        new TelegramExportReader(file, options, sink).read();
    }
}
