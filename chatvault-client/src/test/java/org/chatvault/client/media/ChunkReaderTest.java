package org.chatvault.client.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.chunking.Chunk;
import org.chatvault.core.chunking.Chunker;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.chunking.FastCdc;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkReaderTest {
    private static final ChunkerParams SMALL = new ChunkerParams(4 * 1024, 16 * 1024, 64 * 1024);
    private final FastCdc cdc = new FastCdc(SMALL);
    private final ObjectCodec codec = new ObjectCodec(MasterKey.generate(new SecureRandom()).deriveVaultKeys(), new SecureRandom());

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** What the caller's own Chunker would have cut. */
    private List<byte[]> cutHere(Path p) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (var ch = java.nio.channels.FileChannel.open(p)) {
            Chunker c = Chunker.of(ch, cdc, SMALL.max());
            for (Chunk k; (k = c.next()) != null; ) out.add(k.copy());
        }
        return out;
    }

    /** The plaintext of a piece: a staged one through a seal and an open, as it will travel. */
    private byte[] plainOf(ChunkReader.Piece piece) {
        if (piece.plain() != null) return piece.plain();
        SealedObject o = codec.sealStaged(ObjectKind.MEDIA_CHUNK, 202611, piece.staged());
        return codec.open(o.id(), ObjectKind.MEDIA_CHUNK, o.body());
    }

    @Test
    void filesReadAheadComeBackWithTheCutsOfASequentialReadAndInTheirOrder() throws IOException {
        List<Path> files = List.of(file("a", random(700_000, 1)), file("b", random(10, 2)), file("c", random(1_300_000, 3)));
        try (ChunkReader reader = new ChunkReader(cdc, 2)) {
            for (int i = 0; i < files.size(); i++) reader.start(i, files.get(i), "video/mp4"); // all ahead, out of the caller's pace
            for (int i = 0; i < files.size(); i++) {
                ChunkReader.Pieces pieces = reader.take(i, files.get(i), "video/mp4");
                List<byte[]> expected = cutHere(files.get(i));
                List<byte[]> got = new ArrayList<>();
                for (ChunkReader.Piece p; (p = pieces.next()) != null; ) {
                    assertThat(p.staged()).as("incompressible: staged for sealing in place").isNotNull();
                    byte[] plain = plainOf(p);
                    assertThat(plain).hasSize(p.length());
                    got.add(plain);
                }
                assertThat(got).hasSameSizeAs(expected);
                for (int k = 0; k < got.size(); k++) assertThat(got.get(k)).as("file %d chunk %d", i, k).isEqualTo(expected.get(k));
                assertThat(pieces.next()).as("stays at its end").isNull();
            }
        }
    }

    @Test
    void compressibleFilesComeAsPlainCopiesForTheCodecToCompress() throws IOException {
        byte[] text = "the same line of text over and over\n".repeat(5_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path p = file("log.txt", text);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        try (ChunkReader reader = new ChunkReader(cdc, 2)) {
            ChunkReader.Pieces pieces = reader.take(0, p, "text/plain");
            for (ChunkReader.Piece piece; (piece = pieces.next()) != null; ) {
                assertThat(piece.plain()).isNotNull();
                assertThat(piece.staged()).isNull();
                joined.writeBytes(piece.plain());
            }
        }
        assertThat(joined.toByteArray()).isEqualTo(text);
    }

    @Test
    void aFileThatIsGoneFailsAsItWouldHaveReadHere() throws IOException {
        try (ChunkReader reader = new ChunkReader(cdc, 2)) {
            ChunkReader.Pieces pieces = reader.take(0, dir.resolve("gone"), "image/jpeg");
            assertThatThrownBy(pieces::next).isInstanceOf(NoSuchFileException.class);
            assertThat(pieces.next()).as("ended").isNull();
        }
    }

    @Test
    void closingStopsTheThreadsOfFilesReadAheadButNeverTaken() throws Exception {
        Path big = file("big", random(2_000_000, 4)); // far more than the chunks a file may hold ahead: its reader blocks
        ChunkReader reader = new ChunkReader(cdc, 1);
        reader.start(0, big, "video/mp4");
        Thread.sleep(200);
        assertThat(chunkThreads()).as("reading ahead").isPositive();
        reader.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (chunkThreads() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(chunkThreads()).isZero();
    }

    private static long chunkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().equals("chatvault-chunk")).count();
    }
}
