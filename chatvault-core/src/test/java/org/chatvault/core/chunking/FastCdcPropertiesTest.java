package org.chatvault.core.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties of FastCDC that hold for any input (docs/FORMAT.md §12). */
class FastCdcPropertiesTest {
    private static final ChunkerParams SMALL = new ChunkerParams(2048, 8192, 32768);

    @Test
    void chunksAreWithinBoundsAndConcatenateToTheInput() throws IOException {
        long seed = Long.getLong("chatvault.seed", System.nanoTime());
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 20; trial++) {
            // mixes random stretches with zero runs so that forced cuts at max occur too
            byte[] data = new byte[rnd.nextInt(0, 600_000)];
            for (int i = 0; i < data.length; ) {
                int run = rnd.nextInt(1, 80_000);
                boolean zeros = rnd.nextInt(3) == 0;
                for (int k = 0; k < run && i < data.length; k++, i++) data[i] = zeros ? 0 : (byte) rnd.nextInt();
            }
            String why = "seed " + seed + " trial " + trial;
            Chunker chunker = Chunker.of(TestData.trickle(data, 1 + rnd.nextInt(70_000)), new FastCdc(SMALL), 1 + rnd.nextInt(100_000));
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            List<Chunk> chunks = new ArrayList<>();
            for (Chunk c = chunker.next(); c != null; c = chunker.next()) {
                assertThat(c.offset()).as(why).isEqualTo(joined.size());
                joined.write(c.buffer(), c.bufferOffset(), c.length());
                chunks.add(new Chunk(c.offset(), c.length(), c.copy(), 0));
            }
            assertThat(joined.toByteArray()).as(why).isEqualTo(data);
            for (int i = 0; i < chunks.size(); i++) {
                int len = chunks.get(i).length();
                assertThat(len).as(why).isLessThanOrEqualTo(SMALL.max()).isPositive();
                if (i < chunks.size() - 1) assertThat(len).as(why).isGreaterThanOrEqualTo(SMALL.min());
            }
            List<Long> ends = chunks.stream().map(c -> c.offset() + c.length()).toList();
            assertThat(ends).as(why + ": stream and array APIs agree").isEqualTo(TestData.arrayCuts(new FastCdc(SMALL), data));
        }
    }

    @Test
    void insertionInTheMiddleOnlyChangesNearbyChunks() throws IOException {
        byte[] before = TestData.splitMix64(7, 20 << 20);
        byte[] inserted = TestData.splitMix64(8, 1000);
        int at = before.length / 2 + 12345;
        byte[] after = new byte[before.length + inserted.length];
        System.arraycopy(before, 0, after, 0, at);
        System.arraycopy(inserted, 0, after, at, inserted.length);
        System.arraycopy(before, at, after, at + inserted.length, before.length - at);

        for (ChunkerParams params : List.of(ChunkerParams.DEFAULT, SMALL)) {
            Set<ByteBuffer> old = new HashSet<>(chunks(before, params));
            List<ByteBuffer> fresh = chunks(after, params);
            long shared = fresh.stream().filter(old::contains).count();
            assertThat(fresh.size() - shared).as("%s: chunks changed by one insertion", params).isBetween(1L, 2L);
            assertThat((double) shared / fresh.size()).as("%s", params).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void emptyAndShortInputs() throws IOException {
        FastCdc cdc = new FastCdc(ChunkerParams.DEFAULT);
        assertThat(cdc.nextCut(new byte[0], 0, 0)).isZero();
        assertThat(Chunker.of(new ByteArrayInputStream(new byte[0]), ChunkerParams.DEFAULT).next()).isNull();

        byte[] shortData = TestData.splitMix64(1, ChunkerParams.DEFAULT.min());
        assertThat(TestData.arrayCuts(cdc, shortData)).containsExactly((long) shortData.length);
        Chunker chunker = Chunker.of(new ByteArrayInputStream(shortData), ChunkerParams.DEFAULT);
        Chunk only = chunker.next();
        assertThat(only.offset()).isZero();
        assertThat(only.copy()).isEqualTo(shortData);
        assertThat(chunker.next()).isNull();
        assertThat(chunker.next()).isNull();
    }

    @Test
    void fileChannelSourceAgreesWithTheArrayApi(@TempDir Path dir) throws IOException {
        byte[] data = TestData.splitMix64(3, 3_000_001);
        Path file = dir.resolve("media.bin");
        Files.write(file, data);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(TestData.streamCuts(Chunker.of(ch, new FastCdc(SMALL), 4096))).isEqualTo(TestData.arrayCuts(new FastCdc(SMALL), data));
        }
        try (var ch = Channels.newChannel(TestData.trickle(data, 777))) {
            assertThat(TestData.streamCuts(Chunker.of(ch, SMALL))).isEqualTo(TestData.arrayCuts(new FastCdc(SMALL), data));
        }
    }

    @Test
    void cutInsideABufferRangeIgnoresBytesOutsideIt() {
        byte[] data = TestData.splitMix64(5, 200_000);
        FastCdc cdc = new FastCdc(SMALL);
        int cut = cdc.nextCut(data, 0, data.length);
        byte[] shifted = new byte[data.length + 3];
        System.arraycopy(data, 0, shifted, 3, data.length);
        assertThat(cdc.nextCut(shifted, 3, data.length)).isEqualTo(cut);
        assertThatThrownBy(() -> cdc.nextCut(data, 1, data.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void paramsAreValidated() {
        assertThat(ChunkerParams.DEFAULT).isEqualTo(new ChunkerParams(262144, 1048576, 4194304));
        assertThatThrownBy(() -> new ChunkerParams(8192, 8192, 32768)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerParams(2048, 8192, 8192)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerParams(2048, 12288, 32768)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new ChunkerParams(32, 128, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerParams(1 << 20, 4 << 20, 16 << 20)).hasMessageContaining("max");
    }

    private static List<ByteBuffer> chunks(byte[] data, ChunkerParams params) throws IOException {
        List<ByteBuffer> out = new ArrayList<>();
        Chunker chunker = Chunker.of(new ByteArrayInputStream(data), params);
        for (Chunk c = chunker.next(); c != null; c = chunker.next()) out.add(ByteBuffer.wrap(c.copy()));
        return out;
    }
}
