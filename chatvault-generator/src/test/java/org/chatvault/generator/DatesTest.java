package org.chatvault.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DatesTest {
    private static final Logger log = LoggerFactory.getLogger(DatesTest.class);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);

    @Test
    void agreesWithJavaTime() {
        SplittableRandom r = new SplittableRandom(Seeds.next(log, "dates"));
        long[] edges = {0, 951_782_400_000L, 4_107_542_399_999L, 1_709_251_199_999L, 1_709_251_200_000L};
        for (int i = 0; i < 100_000 + edges.length; i++) {
            long ms = i < edges.length ? edges[i] : r.nextLong(4_102_444_800_000L); // up to 2100
            Instant t = Instant.ofEpochMilli(ms);
            assertThat(Dates.append(new StringBuilder(), ms, (char) 0, '_', (char) 0).toString()).isEqualTo(COMPACT.format(t));
            assertThat(Dates.append(new StringBuilder(), ms, '-', '_', '-').toString()).isEqualTo(DASHED.format(t));
        }
    }
}
