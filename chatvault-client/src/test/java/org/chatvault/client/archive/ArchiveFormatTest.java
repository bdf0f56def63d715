package org.chatvault.client.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.chatvault.client.vault.ObjectsUnavailableException;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.protocol.keyslot.KeySlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive file of docs/FORMAT.md §18, byte for byte, written and read without a server. */
class ArchiveFormatTest {
    private static final long SEED = 18L;
    @TempDir Path dir;

    private static List<BatchFormat.Frame> frames(int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<BatchFormat.Frame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[ObjectId.BYTES];
            random.nextBytes(id);
            byte[] body = new byte[random.nextInt(0, 3000)];
            random.nextBytes(body);
            boolean content = i % 3 != 0;
            out.add(new BatchFormat.Frame(ObjectId.of(id), content ? ObjectKind.SEGMENT : ObjectKind.CONVERSATION_INDEX, content ? 202501 + i % 9 : 0,
                    body));
        }
        return out;
    }

    private static ArchiveHeader header(long version, String root) {
        return new ArchiveHeader("acc-1", "lena", "https://vault.example/", 1_795_000_000_000L, version, root,
                root == null ? null : 1_794_999_990_000L, List.of(new KeySlot("recovery", "recovery", "AQE=")), 0);
    }

    private Path write(String name, ArchiveHeader header, List<BatchFormat.Frame> frames) throws IOException {
        Path file = dir.resolve(name);
        try (ArchiveWriter w = ArchiveWriter.create(file, header)) {
            for (BatchFormat.Frame f : frames) w.add(f);
            w.finish();
        }
        return file;
    }

    @Test
    void whatIsWrittenReadsBackEachObjectOnce() throws IOException {
        List<BatchFormat.Frame> frames = frames(30);
        List<BatchFormat.Frame> withRepeat = new ArrayList<>(frames);
        withRepeat.add(frames.get(4)); // a repeat is written once
        ArchiveHeader header = header(7, frames.getFirst().id().hex());
        Path file = write("a.cvarchive", header, withRepeat);

        try (ArchiveReader r = ArchiveReader.open(file)) {
            assertThat(r.header()).isEqualTo(header);
            assertThat(r.head().version()).isEqualTo(7);
            assertThat(r.head().root()).isEqualTo(frames.getFirst().id().hex());
            assertThat(r.objectCount()).isEqualTo(30);
            Map<ObjectId, BatchFormat.Frame> got = new LinkedHashMap<>();
            r.fetch(frames.stream().map(BatchFormat.Frame::id).toList().reversed(), f -> got.put(f.id(), f));
            for (BatchFormat.Frame f : frames) {
                BatchFormat.Frame g = got.get(f.id());
                assertThat(g.kind()).isEqualTo(f.kind());
                assertThat(g.bucket()).isEqualTo(f.bucket());
                assertThat(g.body()).isEqualTo(f.body());
            }
            ObjectId absent = frames(31).getLast().id();
            assertThat(r.missing(List.of(frames.get(2).id(), absent))).containsExactly(absent);
            List<ObjectId> delivered = new ArrayList<>();
            assertThatThrownBy(() -> r.fetch(List.of(frames.get(1).id(), absent, frames.get(2).id()), f -> delivered.add(f.id())))
                    .isInstanceOfSatisfying(ObjectsUnavailableException.class, e -> {
                        assertThat(e.ids()).containsExactly(absent);
                        assertThat(e.reason()).isEqualTo("not in the archive");
                    });
            assertThat(delivered).as("the others are handed over first").containsExactly(frames.get(1).id(), frames.get(2).id());
        }
    }

    @Test
    void theLayoutIsMagicHeaderFramesAndAnEndRecordHashingEverythingBeforeIt() throws Exception {
        List<BatchFormat.Frame> frames = frames(3);
        Path file = write("b.cvarchive", header(1, frames.getFirst().id().hex()), frames);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[4];
        b.get(magic);
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("CVA1");
        int headerLength = b.getInt();
        String json = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"headVersion\":1").contains("\"keySlots\":[{\"slotId\":\"recovery\"");
        long frameBytes = 0;
        int pos = 8 + headerLength;
        for (BatchFormat.Frame f : frames) {
            byte[] expected = BatchFormat.frameHeader(f.id(), f.kind(), f.bucket(), f.body().length);
            assertThat(Arrays.copyOfRange(bytes, pos, pos + expected.length)).isEqualTo(expected);
            pos += expected.length + f.body().length;
            frameBytes += expected.length + f.body().length;
        }
        ByteBuffer end = ByteBuffer.wrap(bytes, pos, bytes.length - pos);
        assertThat(bytes.length - pos).isEqualTo(52);
        byte[] endMagic = new byte[4];
        end.get(endMagic);
        assertThat(new String(endMagic, StandardCharsets.US_ASCII)).isEqualTo("CVAE");
        assertThat(end.getLong()).isEqualTo(3);
        assertThat(end.getLong()).isEqualTo(frameBytes);
        byte[] sha = new byte[32];
        end.get(sha);
        assertThat(sha).isEqualTo(MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bytes, bytes.length - 32)));
    }

    @Test
    void aWellHashedFileWhoseEndRecordMiscountsIsMalformed() throws Exception {
        Path file = write("c.cvarchive", header(1, null), frames(4));
        byte[] bytes = Files.readAllBytes(file);
        int count = bytes.length - 52 + 4;
        ByteBuffer.wrap(bytes).putLong(count, 5); // five objects, it says
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(bytes, bytes.length - 32));
        System.arraycopy(sha, 0, bytes, bytes.length - 32, 32);
        Path lying = dir.resolve("lying.cvarchive");
        Files.write(lying, bytes);
        assertThatThrownBy(() -> ArchiveReader.open(lying)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("is malformed").hasMessageContaining("its end record says 5");
    }

    @Test
    void anEmptyVaultIsAnArchiveTooAndAFileIsNeverReplaced() throws IOException {
        Path file = write("empty.cvarchive", header(0, null), List.of());
        try (ArchiveReader r = ArchiveReader.open(file)) {
            assertThat(r.head().version()).isZero();
            assertThat(r.head().root()).isNull();
            assertThat(r.objectCount()).isZero();
        }
        assertThatThrownBy(() -> write("empty.cvarchive", header(0, null), List.of())).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }
}
