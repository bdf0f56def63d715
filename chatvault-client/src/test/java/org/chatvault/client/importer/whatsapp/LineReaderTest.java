package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> lines(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new StringReader(text))) {
            for (String line; (line = r.readLine()) != null; ) out.add(line);
        }
        return out;
    }

    @Test
    void splitsAsReadLineDoes() throws IOException {
        assertThat(lines("")).isEmpty();
        assertThat(lines("a")).containsExactly("a");
        assertThat(lines("a\n")).containsExactly("a");
        assertThat(lines("a\r\nb\rc\n\nd")).containsExactly("a", "b", "c", "", "d");
        assertThat(lines("\n\n")).containsExactly("", "");
    }

    @Test
    void aCrLfAcrossTheBuffersEdgeIsOneLineEnd() throws IOException {
        String first = "x".repeat((1 << 16) - 1);
        assertThat(lines(first + "\r\nnext")).containsExactly(first, "next");
        String longer = "y".repeat(200_000);
        assertThat(lines(longer + "\n" + longer)).containsExactly(longer, longer);
    }

    @Test
    void refusesALineLongerThanAnyChatHolds() {
        assertThatThrownBy(() -> lines("z".repeat(LineReader.MAX_LINE + 1))).isInstanceOf(LineReader.LineTooLongException.class);
    }
}
