package org.chatvault.client.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.chatvault.client.local.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged exports: every fixture cut short, with bytes flipped, garbage inserted, parts repeated
 * or lines of another format spliced in, imported by detection and by its named format. Each
 * import either succeeds or is refused with an {@link ImportException} (one clear line, exit code
 * 1) that leaves the store as it was; nothing else may escape (no stack trace for a user's file).
 *
 * <p>{@code -Dchatvault.fuzz.imports=N} damaged copies per fixture (40 by default, more in the
 * {@code long-fuzz} profile); {@code -Dchatvault.fuzz.seed=S} fixes the input.
 */
class ImportFuzzTest {
    private static final int PER_FIXTURE = Integer.getInteger("chatvault.fuzz.imports", 40);
    private static final long SEED = Long.getLong("chatvault.fuzz.seed", System.nanoTime());

    @TempDir Path dir;

    @Test void damagedExportsAreImportedOrRefusedCleanlyAndRefusalsLeaveNothing() throws IOException {
        System.out.println("ImportFuzzTest seed " + SEED + ", " + PER_FIXTURE + " damaged copies per fixture");
        SplittableRandom random = new SplittableRandom(SEED);
        List<byte[]> donors = new ArrayList<>();
        List<Map.Entry<String, ImportFormat>> files = DetectionTest.fixtures().entrySet().stream()
                .filter(e -> Files.isRegularFile(DetectionTest.fixture(e.getKey()))).toList();
        for (var e : files) donors.add(Files.readAllBytes(DetectionTest.fixture(e.getKey())));
        int refused = 0, imported = 0;
        for (int f = 0; f < files.size(); f++) {
            Path original = DetectionTest.fixture(files.get(f).getKey());
            byte[] bytes = donors.get(f);
            Path caseDir = Files.createDirectories(dir.resolve("case" + f));
            try (LocalStore store = LocalStore.open(caseDir.resolve("local.db"))) {
                for (int i = 0; i < PER_FIXTURE; i++) {
                    String how = mutationName(i);
                    byte[] damaged = mutate(i, bytes, donors.get(random.nextInt(donors.size())), random);
                    Path copy = Files.createDirectories(caseDir.resolve("in" + i)).resolve(original.getFileName().toString());
                    Files.write(copy, damaged);
                    ImportFormat format = random.nextBoolean() ? null : files.get(f).getValue();
                    long before = store.messageCount();
                    int importsBefore = store.imports().size();
                    try {
                        new ImportService(store, java.time.Clock.systemUTC()).run(copy, format, new ImportOptions(ZoneId.of("Asia/Shanghai")));
                        imported++;
                    } catch (ImportException expected) {
                        refused++;
                        assertThat(expected.getMessage()).as("%s %s", files.get(f).getKey(), how).startsWith("cannot ").contains(copy.toString());
                        assertThat(store.messageCount()).as("a refused import leaves nothing: %s %s, seed %d", files.get(f).getKey(), how, SEED)
                                .isEqualTo(before);
                        assertThat(store.imports()).hasSize(importsBefore);
                    } catch (RuntimeException | Error e) {
                        throw new AssertionError("seed " + SEED + ": " + files.get(f).getKey() + " damaged by " + how + " (copy " + i
                                + ", format " + (format == null ? "auto" : format.cliName()) + ") escaped as " + e, e);
                    }
                }
            }
        }
        System.out.println("ImportFuzzTest: " + imported + " imported, " + refused + " refused cleanly");
        assertThat(refused).as("the damage must reach the parsers").isPositive();
    }

    private static String mutationName(int i) {
        return List.of("a cut", "flipped bytes", "inserted garbage", "a repeated part", "a spliced foreign part").get(i % 5);
    }

    private static byte[] mutate(int i, byte[] b, byte[] donor, SplittableRandom r) {
        switch (i % 5) {
            case 0 -> {
                return Arrays.copyOf(b, r.nextInt(Math.max(1, b.length)));
            }
            case 1 -> {
                byte[] out = b.clone();
                for (int k = 1 + r.nextInt(8); k > 0 && out.length > 0; k--) out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
                return out;
            }
            case 2 -> {
                byte[] junk = new byte[1 + r.nextInt(64)];
                r.nextBytes(junk);
                return splice(b, r.nextInt(b.length + 1), junk);
            }
            case 3 -> {
                int from = r.nextInt(Math.max(1, b.length));
                int to = Math.min(b.length, from + r.nextInt(200));
                return splice(b, r.nextInt(b.length + 1), Arrays.copyOfRange(b, from, to));
            }
            default -> {
                int from = r.nextInt(Math.max(1, donor.length));
                int to = Math.min(donor.length, from + r.nextInt(300));
                return splice(b, r.nextInt(b.length + 1), Arrays.copyOfRange(donor, from, to));
            }
        }
    }

    private static byte[] splice(byte[] b, int at, byte[] part) {
        byte[] out = new byte[b.length + part.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(part, 0, out, at, part.length);
        System.arraycopy(b, at, out, at + part.length, b.length - at);
        return out;
    }
}
