package org.chatvault.client.importer.whatsapp;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.chatvault.client.importer.ImportException;

/**
 * Reads a chat's text line by line into messages: a line that starts with a date and time starts a message,
 * every other line continues the one before (WhatsApp writes a message's line breaks as they are). Only the
 * message being read is held, so a chat of any length reads in little memory.
 */
final class ChatScanner {
    static final String EXPECTED = "expected a line starting with a date and time like '31/12/2024, 23:59 - ' (Android) "
            + "or '[31/12/2024, 23:59:59] ' (iOS)";

    /** One message as the text has it. */
    record RawMessage(long line, HeaderLine header, String body) {}

    @FunctionalInterface
    interface Handler {
        void message(RawMessage message) throws IOException;
    }

    private ChatScanner() {}

    /**
     * Gives each message of the text to {@code handler}, in the text's order.
     *
     * @return how many messages there were
     * @throws ImportException for text that is not a WhatsApp chat: binary, not UTF-8, or not starting with a message
     */
    static long scan(ChatArchive chat, Handler handler) throws IOException {
        long lineNo = 0;
        long count = 0;
        RawMessage pending = null;
        StringBuilder body = new StringBuilder();
        try (LineReader in = chat.openText()) {
            String line;
            while (true) {
                try {
                    line = in.readLine();
                } catch (CharacterCodingException e) {
                    throw ImportException.at(chat.file(), chat.where(lineNo + 1),
                            "expected UTF-8 text, found bytes that are not (a binary file, or text in another encoding?)");
                } catch (LineReader.LineTooLongException e) {
                    throw ImportException.at(chat.file(), chat.where(lineNo + 1), "expected a chat's lines, found one longer than "
                            + LineReader.MAX_LINE + " characters (is this a WhatsApp chat export?)");
                }
                if (line == null) break;
                lineNo++;
                if (line.indexOf('\0') >= 0)
                    throw ImportException.at(chat.file(), chat.where(lineNo), "expected text, found binary data (a NUL byte)");
                HeaderLine header = HeaderLine.parse(line);
                // an export writes one form throughout (iOS or Android, 12- or 24-hour clock): a line in another
                // form is text someone typed inside a message, such as a date pasted on a line of its own
                if (header != null && pending != null && !sameForm(header, pending.header())) header = null;
                if (header != null) {
                    if (pending != null) {
                        handler.message(new RawMessage(pending.line(), pending.header(), body.toString()));
                        count++;
                    }
                    pending = new RawMessage(lineNo, header, null);
                    body.setLength(0);
                    body.append(header.text());
                } else if (pending != null) {
                    if (body.length() + line.length() >= LineReader.MAX_LINE)
                        throw ImportException.at(chat.file(), chat.where(lineNo), "expected a message of at most " + LineReader.MAX_LINE
                                + " characters (WhatsApp's limit is 65,536), found the one from line " + pending.line() + " longer");
                    body.append('\n').append(line);
                } else if (!HeaderLine.strip(line).isEmpty()) {
                    throw ImportException.at(chat.file(), chat.where(lineNo), EXPECTED + ", found '" + shorten(line) + "'");
                }
            }
        }
        if (pending == null) {
            String where = chat.whereText();
            String problem = "no messages in it: " + EXPECTED + " (is this a WhatsApp chat export?)";
            throw where.isEmpty() ? ImportException.of(chat.file(), problem) : ImportException.at(chat.file(), where, problem);
        }
        handler.message(new RawMessage(pending.line(), pending.header(), body.toString()));
        return count + 1;
    }

    private static boolean sameForm(HeaderLine h, HeaderLine first) {
        return h.ios() == first.ios() && (h.period() == null) == (first.period() == null);
    }

    /** The start of a line, enough to recognise it, with control characters shown as '?'. */
    static String shorten(String line) {
        String s = line.length() > 60 ? line.substring(0, 60) + "…" : line;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            out.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return out.toString();
    }
}
