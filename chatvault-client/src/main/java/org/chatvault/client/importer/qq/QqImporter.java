package org.chatvault.client.importer.qq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.importer.Importer;

/**
 * QQ's message manager export ({@code .txt}): a {@code 消息记录（此消息记录为文本格式，不支持重新导入）}
 * header, then for each chat a {@code 消息分组:} (the friend list or group list it is in) and a
 * {@code 消息对象:} (the chat's name) between {@code =====} lines, then its messages. QQ writes no
 * id for a chat, so a conversation's id is {@code qq-} and a hash of its group and name; messages
 * get a hash of the chat, the time as written, the sender and the body (see {@link QqChatReader}).
 * Senders keep their number: {@code 张三 (123456)}, since nicknames change and repeat. Times are
 * local, read in the import's zone. UTF-8, UTF-16 with a byte order mark, and GB18030 are read
 * ({@link QqEncoding}).
 */
public final class QqImporter implements Importer {
    private static final int READ_BUFFER = 1 << 16;

    @Override public ImportFormat format() { return ImportFormat.QQ; }

    @Override public boolean recognizes(Path path) throws IOException {
        if (!Files.isRegularFile(path) || !path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) return false;
        byte[] head = QqEncoding.head(path);
        QqEncoding encoding = QqEncoding.of(head);
        if (QqEncoding.looksBinary(head, encoding)) return false;
        String text = encoding.decodeHead(head).stripLeading();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1).stripLeading();
        return text.startsWith(QqChatReader.TITLE) || text.startsWith("=====") && text.contains("消息对象");
    }

    @Override public void read(Path path, ImportOptions options, ImportSink sink) throws IOException {
        if (!Files.isRegularFile(path)) throw ImportException.of(path, "expected QQ's exported .txt file, found a directory");
        byte[] head = QqEncoding.head(path);
        if (head.length == 0) throw ImportException.of(path, "the file is empty; expected QQ's text export");
        QqEncoding encoding = QqEncoding.of(head);
        if (QqEncoding.looksBinary(head, encoding))
            throw ImportException.of(path, "a binary file, not QQ's text export (expected text starting with '" + QqChatReader.TITLE + "')");
        QqChatReader chats = new QqChatReader(path, options.zone(), sink);
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(encoding.bomBytes());
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, encoding.strictDecoder()), READ_BUFFER);
            for (String line = lines.readLine(); line != null; line = lines.readLine()) chats.line(line);
        } catch (CharacterCodingException e) {
            // the reader decodes ahead of the lines it hands out: find the damaged line itself
            throw ImportException.at(path, "line " + firstDamagedLine(path, encoding, chats.lineNumber() + 1), "expected " + encoding.charset().displayName()
                    + " text, found bytes that are not (the file is damaged or cut short)");
        }
        chats.finish();
    }

    /** The first line, from {@code from} on, where decoding fails (where QQ's text was cut or damaged). */
    private static int firstDamagedLine(Path path, QqEncoding encoding, int from) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(encoding.bomBytes());
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, encoding.charset()), READ_BUFFER);
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine())
                if (++number >= from && line.indexOf('\uFFFD') >= 0) return number;
            return Math.max(from, number);
        }
    }
}
