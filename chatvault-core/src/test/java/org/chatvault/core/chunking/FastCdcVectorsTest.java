package org.chatvault.core.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.chatvault.core.TestVectors;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests of docs/FORMAT.md §12.5. The expected cut points in fastcdc-vectors.txt were
 * computed by src/test/python/fastcdc_vectors.py, a byte-at-a-time implementation written from the
 * paper and the spec, not from this code.
 */
class FastCdcVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> LINES = new ArrayList<>();
    private static byte[] random16m;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = FastCdcVectorsTest.class.getResourceAsStream("fastcdc-vectors.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) LINES.add(line);
            }
        }
        random16m = TestData.splitMix64(2016, 16 << 20);
    }

    @Test
    void gearTableIsTheDerivedOne() throws Exception {
        long[] gear = FastCdc.gear();
        assertMatchesVectorLine(gear, line("gear[0]="));
        // pinned here as well as in the file: a regenerated file must not silently move the table
        assertThat(hex(gear[0])).isEqualTo("07c84c5b76e591d9");
        assertThat(hex(gear[255])).isEqualTo("0c52798e3f0b4852");
    }

    /** A gear table against its vector line: three entries and the SHA-256 of the whole table. */
    private static void assertMatchesVectorLine(long[] gear, String line) throws Exception {
        assertThat(field(line, "gear[0]")).isEqualTo(hex(gear[0]));
        assertThat(field(line, "gear[1]")).isEqualTo(hex(gear[1]));
        assertThat(field(line, "gear[255]")).isEqualTo(hex(gear[255]));
        ByteBuffer table = ByteBuffer.allocate(256 * 8);
        for (long g : gear) table.putLong(g);
        assertThat(field(line, "sha256(gear)")).isEqualTo(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(table.array())));
    }

    @Test
    void masks() {
        ChunkerParams small = new ChunkerParams(2048, 8192, 32768);
        assertThat(hex(small.maskS())).isEqualTo("fffe000000000000");
        assertThat(hex(small.maskL())).isEqualTo("ffe0000000000000");
        assertThat(hex(ChunkerParams.DEFAULT.maskS())).isEqualTo("fffffc0000000000");
        assertThat(hex(ChunkerParams.DEFAULT.maskL())).isEqualTo("ffffc00000000000");
        assertThat(LINES).contains(
                "masks avg=8192 maskS=fffe000000000000 maskL=ffe0000000000000",
                "masks avg=1048576 maskS=fffffc0000000000 maskL=ffffc00000000000");
    }

    @Test
    void randomInputIsTheSpecifiedOne() throws Exception {
        assertThat(line("random16m ")).isEqualTo("random16m sha256=" + HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(random16m)));
    }

    @Test
    void defaultParamsOnRandomData() throws IOException {
        // also pinned in docs/FORMAT.md §12.5
        assertThat(check("random16m-default", random16m)).startsWith(1548262L, 2468944L, 3785167L, 5728348L);
    }

    @Test
    void allZerosCutAtMax() throws IOException {
        assertThat(check("zero16m-default", new byte[16 << 20])).containsExactly(4L << 20, 8L << 20, 12L << 20, 16L << 20);
        assertThat(check("zero100k-small", new byte[100_000])).containsExactly(32768L, 65536L, 98304L, 100000L);
    }

    @Test
    void smallParamsGiveManyCuts() throws IOException {
        List<Long> cuts = check("random16m-small", random16m);
        assertThat(cuts).hasSizeGreaterThan(1000).startsWith(5979L, 16533L, 26329L, 36539L);
    }

    @Test
    void shortInputs() throws IOException {
        assertThat(check("random1000-small", Arrays.copyOf(random16m, 1000))).containsExactly(1000L);
        assertThat(check("random2049-small", Arrays.copyOf(random16m, 2049))).containsExactly(2049L);
    }

    /**
     * §12.2 keyed table: the test chunking key is HKDF(MK 000102…1f, "chatvault/v1/chunking") (§10.1), which
     * KeyHierarchyVectorsTest checks against the derivation; {@link #keyedGearTableIsTheDerivedOne} checks that the
     * keys of that master key give the same table without handing the key out.
     */
    private static byte[] testChunkingKey() {
        return HEX.parseHex(TestVectors.CHUNKING_KEY);
    }

    private static byte[] counting32() {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) b[i] = (byte) i;
        return b;
    }

    @Test
    void keyedGearTableIsTheDerivedOne() throws Exception {
        byte[] key = testChunkingKey();
        String line = line("keyed ");
        assertThat(field(line, "chunkingKey")).isEqualTo(HEX.formatHex(key));
        long[] gear = FastCdc.keyed(key, ChunkerParams.DEFAULT).gearTable();
        assertMatchesVectorLine(gear, line);
        // pinned here and in docs/FORMAT.md §12.2 as well as in the file
        assertThat(hex(gear[0])).isEqualTo("7b6d90bd1b26b9d5");
        assertThat(hex(gear[255])).isEqualTo("c50aa22d6411db87");
        assertThat(GearTable.keyed(key)).isEqualTo(gear);
        try (MasterKey mk = MasterKey.of(counting32()); VaultKeys keys = mk.deriveVaultKeys()) {
            assertThat(FastCdc.keyed(keys, ChunkerParams.DEFAULT).gearTable()).isEqualTo(gear);
        }
    }

    @Test
    void keyedDefaultParamsOnRandomData() throws IOException {
        FastCdc keyed = FastCdc.keyed(testChunkingKey(), ChunkerParams.DEFAULT);
        // also pinned in docs/FORMAT.md §12.5
        assertThat(check("keyed-random16m-default", random16m, keyed)).startsWith(1070978L, 2956689L, 4104445L, 5355743L);
    }

    @Test
    void differentKeysGiveDifferentCuts() {
        byte[] other = testChunkingKey();
        other[0] ^= 1;
        List<Long> a = TestData.arrayCuts(FastCdc.keyed(testChunkingKey(), ChunkerParams.DEFAULT), random16m);
        List<Long> b = TestData.arrayCuts(FastCdc.keyed(other, ChunkerParams.DEFAULT), random16m);
        List<Long> unkeyed = TestData.arrayCuts(new FastCdc(ChunkerParams.DEFAULT), random16m);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(unkeyed);
        assertThat(b).isNotEqualTo(unkeyed);
        // each is still a valid chunking of the same input
        assertThat(a.getLast()).isEqualTo(b.getLast()).isEqualTo((long) random16m.length);
    }

    /** Asserts the vector through both APIs with the public gear table and returns its cuts. */
    private static List<Long> check(String name, byte[] data) throws IOException {
        return check(name, data, null);
    }

    /** Asserts the vector through both APIs (with {@code keyed}, or the public table if null) and returns its cuts. */
    private static List<Long> check(String name, byte[] data, FastCdc keyed) throws IOException {
        String line = line(name + " ");
        String[] p = field(line, "params").split("/");
        ChunkerParams params = new ChunkerParams(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        assertThat(Integer.parseInt(field(line, "length"))).isEqualTo(data.length);
        List<Long> expected = Arrays.stream(field(line, "cuts").split(",")).map(Long::valueOf).toList();

        FastCdc cdc = keyed != null ? keyed : new FastCdc(params);
        assertThat(cdc.params()).isEqualTo(params);
        assertThat(TestData.arrayCuts(cdc, data)).as(name + " array API").isEqualTo(expected);
        Chunker stream = keyed != null ? Chunker.of(new ByteArrayInputStream(data), keyed, params.max())
                : Chunker.of(new ByteArrayInputStream(data), params);
        assertThat(TestData.streamCuts(stream)).as(name + " stream API").isEqualTo(expected);
        return expected;
    }

    private static String line(String prefix) {
        return LINES.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no vector " + prefix));
    }

    private static String field(String line, String key) {
        for (String tok : line.split(" ")) {
            if (tok.startsWith(key + "=")) return tok.substring(key.length() + 1);
        }
        throw new AssertionError("no " + key + " in " + line);
    }

    private static String hex(long v) {
        return HEX.toHexDigits(v);
    }
}
