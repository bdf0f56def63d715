package org.chatvault.client.importer.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportIds;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.importer.Importer;
import org.chatvault.core.model.Conversation;

/**
 * WhatsApp's "Export chat": the chat's {@code .txt}, or the {@code .zip} with its media, from Android or iOS,
 * in any of the line forms {@link HeaderLine} reads.
 *
 * <p>The text is read twice, streamed both times: first to learn the file's date order ({@link DateOrder}: WhatsApp
 * writes {@code 01/02/24} without saying which is the day), its senders and whether it is a group; then to
 * write its messages. Times carry no zone and are read in {@link ImportOptions#zone()}.
 *
 * <p>Ids (the seams' conventions): the conversation is {@code whatsapp-} + a hash of the chat's name (from the file
 * names, see {@link ChatNames}); a message is a hash of the conversation, its local time (as ISO, so the same
 * chat exported with a 12- or 24-hour clock agrees), its sender, its text and how many identical messages came
 * before it at that time. System lines have the sender {@code ""}; files the export lacks become absent
 * attachments; an edited message's {@code editedAt} is its {@code sentAt} (WhatsApp does not say when).
 */
public final class WhatsAppImporter implements Importer {
    private static final int SNIFF_BYTES = 4096;

    @Override public ImportFormat format() { return ImportFormat.WHATSAPP; }

    @Override public boolean recognizes(Path path) throws IOException {
        if (!Files.isRegularFile(path)) return false;
        if (isZip(path)) {
            try (ZipFile zip = new ZipFile(path.toFile())) {
                ZipEntry chat = ZipChat.findChat(zip);
                if (chat == null) return false;
                try (InputStream in = zip.getInputStream(chat)) {
                    return startsWithMessage(in.readNBytes(SNIFF_BYTES));
                }
            } catch (ZipException | IllegalArgumentException e) {
                return false; // not a zip, or entry names that are not UTF-8: not WhatsApp's
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            return startsWithMessage(in.readNBytes(SNIFF_BYTES));
        }
    }

    @Override public void read(Path path, ImportOptions options, ImportSink sink) throws IOException {
        try (ChatArchive chat = open(path)) {
            ChatSurvey survey = ChatSurvey.of(chat);
            String conversationId = "whatsapp-" + ImportIds.hash(chat.chatName());
            sink.conversation(new Conversation(conversationId, survey.kind(), chat.chatName(), survey.senders()));
            WhatsAppMessages writer = new WhatsAppMessages(chat, conversationId, survey.order(), options.zone(), sink);
            ChatScanner.scan(chat, writer::write);
        }
    }

    private static ChatArchive open(Path path) throws IOException {
        if (!isZip(path)) return new TextFileChat(path);
        try {
            return ZipChat.open(path);
        } catch (ZipException e) {
            throw ImportException.of(path, "expected a zip archive (WhatsApp's chat with media), found a damaged or different file ("
                    + e.getMessage() + ")");
        }
    }

    private static boolean isZip(Path path) throws IOException {
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) return true;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** Whether the first non-blank line of these first bytes is a WhatsApp message line. */
    private static boolean startsWithMessage(byte[] head) throws IOException {
        try (LineReader in = ChatArchive.textReader(new java.io.ByteArrayInputStream(head))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (HeaderLine.strip(line).isEmpty()) continue;
                return HeaderLine.parse(line) != null;
            }
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            // binary, or the sniffed bytes cut a character: decide on what decodes leniently
            String text = new String(head, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return text.indexOf('\0') < 0 && HeaderLine.parse(nl < 0 ? text : text.substring(0, nl).stripTrailing()) != null;
        }
    }
}
