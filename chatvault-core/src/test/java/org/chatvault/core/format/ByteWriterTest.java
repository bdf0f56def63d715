package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteWriterTest {
    /** The format's definition of a string: varint of the UTF-8 length, then {@code getBytes(UTF_8)}. */
    private static byte[] reference(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = utf8.length;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        out.writeBytes(utf8);
        return out.toByteArray();
    }

    @Test
    void stringsEncodeExactlyAsGetBytesDoesIncludingUnpairedSurrogates() {
        String[] fixed = {"", "hello", "é", "中文消息", "emoji 😀 ok", "\uD83D", "x\uDE00y", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "a\u07FF\u0800\uFFFF", "\u0000"};
        for (String s : fixed) assertThat(new ByteWriter(1).string(s).toByteArray()).as("string %s", s.chars().mapToObj(Integer::toHexString).toList()).isEqualTo(reference(s));
        SplittableRandom random = new SplittableRandom(13);
        char[] alphabet = {'a', 'Z', '\u00e9', '\u07ff', '\u0800', '\u4e2d', '\uffff', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', '\u0000', '\u007f', '\u0080'};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(round % 50 == 0 ? 300 : 12);
            for (int i = 0; i < n; i++) b.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : alphabet[random.nextInt(alphabet.length)]);
            String s = b.toString();
            ByteWriter w = new ByteWriter(1).u8(7).string(s);
            byte[] expected = new byte[1 + reference(s).length];
            expected[0] = 7;
            System.arraycopy(reference(s), 0, expected, 1, expected.length - 1);
            assertThat(w.toByteArray()).as("string %s", s.chars().mapToObj(Integer::toHexString).toList()).isEqualTo(expected);
        }
    }

    @Test
    void truncateDropsTheTailAndCopyToCopiesWhatIsLeft() {
        ByteWriter w = new ByteWriter(4).string("keep").varint(300);
        int mark = w.size();
        w.string("drop me");
        w.truncate(mark);
        assertThat(w.size()).isEqualTo(mark);
        byte[] dest = new byte[mark + 2];
        w.copyTo(dest, 2);
        byte[] expected = new byte[mark + 2];
        System.arraycopy(new ByteWriter(4).string("keep").varint(300).toByteArray(), 0, expected, 2, mark);
        assertThat(dest).isEqualTo(expected);
        assertThatThrownBy(() -> w.truncate(mark + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
