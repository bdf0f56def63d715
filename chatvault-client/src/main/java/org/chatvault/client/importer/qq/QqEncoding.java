package org.chatvault.client.importer.qq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text encoding of a QQ export. The message manager wrote UTF-16 with a byte order mark on
 * some versions, GB18030 (no mark) on older Chinese Windows, and UTF-8 elsewhere; a file with no
 * mark is UTF-8 when its first bytes are valid UTF-8 (Chinese text in GB18030 almost never is, and
 * the header is Chinese), else GB18030.
 *
 * @param charset  how to decode the text
 * @param bomBytes how many bytes of byte order mark to skip before it
 */
record QqEncoding(Charset charset, int bomBytes) {
    /** Enough of the file to see its header and first messages. */
    static final int SNIFF_BYTES = 16 * 1024;
    static final Charset GB18030 = Charset.forName("GB18030");

    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    static QqEncoding of(byte[] head) {
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) return new QqEncoding(StandardCharsets.UTF_8, 3);
        if (startsWith(head, 0xFF, 0xFE)) return new QqEncoding(StandardCharsets.UTF_16LE, 2);
        if (startsWith(head, 0xFE, 0xFF)) return new QqEncoding(StandardCharsets.UTF_16BE, 2);
        return new QqEncoding(validUtf8(head) ? StandardCharsets.UTF_8 : GB18030, 0);
    }

    /** Whether the bytes hold a NUL outside UTF-16: text exports never do, binary files nearly always. */
    static boolean looksBinary(byte[] head, QqEncoding encoding) {
        if (encoding.charset == StandardCharsets.UTF_16LE || encoding.charset == StandardCharsets.UTF_16BE) return false;
        for (byte b : head) if (b == 0) return true;
        return false;
    }

    /** The decoded start of the file (for sniffing), malformed bytes replaced. */
    String decodeHead(byte[] head) {
        return new String(head, bomBytes, head.length - bomBytes, charset);
    }

    /** A decoder that reports malformed input instead of replacing it, so a damaged file is refused at its line. */
    CharsetDecoder strictDecoder() {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** UTF-8 validity of a prefix: a sequence cut by the end of the sample does not count against it. */
    private static boolean validUtf8(byte[] head) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        // a sequence cut by the end of the sample is no sign of another encoding; the end of a short file is
        boolean wholeFile = head.length < SNIFF_BYTES;
        return !decoder.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), wholeFile).isError();
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((head[i] & 0xFF) != prefix[i]) return false;
        return true;
    }
}
