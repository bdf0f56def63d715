package org.chatvault.protocol.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.junit.jupiter.api.Test;

/** What one side writes, the other reads back frame for frame; a cut or foreign stream is told apart. */
class BatchFormatTest {
    private static final long SEED = 9L;

    private static List<SealedObject> objects(int n) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<SealedObject> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[ObjectId.BYTES];
            random.nextBytes(id);
            byte[] body = new byte[random.nextInt(0, 5000)];
            random.nextBytes(body);
            boolean content = i % 2 == 0;
            out.add(new SealedObject(ObjectId.of(id), content ? ObjectKind.SEGMENT : ObjectKind.ROOT_MANIFEST, content ? 202401 + i % 12 : 0, body));
        }
        return out;
    }

    private static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Test
    void writtenPartsReadBackAsTheSameFrames() throws IOException {
        List<SealedObject> objects = objects(25);
        byte[] batch = join(BatchFormat.parts(objects));
        long expected = BatchFormat.MAGIC.length;
        for (SealedObject o : objects) expected += BatchFormat.FRAME_HEADER_BYTES + o.body().length;
        assertThat(batch).hasSize((int) expected);

        List<BatchFormat.Frame> read = new ArrayList<>();
        assertThat(BatchFormat.read(new ByteArrayInputStream(batch), read::add)).isEqualTo(25);
        for (int i = 0; i < objects.size(); i++) {
            SealedObject o = objects.get(i);
            BatchFormat.Frame f = read.get(i);
            assertThat(f.id()).isEqualTo(o.id());
            assertThat(f.kind()).isEqualTo(o.kind());
            assertThat(f.bucket()).isEqualTo(o.bucket());
            assertThat(f.body()).isEqualTo(o.body());
        }
    }

    @Test
    void frameHeaderIsIdKindBucketLengthBigEndian() {
        SealedObject o = objects(1).getFirst();
        ByteBuffer h = ByteBuffer.wrap(BatchFormat.frameHeader(o.id(), o.kind(), 202407, 0x01020304));
        byte[] id = new byte[ObjectId.BYTES];
        h.get(id);
        assertThat(ObjectId.of(id)).isEqualTo(o.id());
        assertThat(h.get()).isEqualTo((byte) o.kind().code());
        assertThat(h.getInt()).isEqualTo(202407);
        assertThat(h.getInt()).isEqualTo(0x01020304);
        assertThat(h.hasRemaining()).isFalse();
    }

    @Test
    void aStreamCutInsideAFrameIsAnIoErrorAndAForeignOneIsMalformed() {
        byte[] batch = join(BatchFormat.parts(objects(3)));
        byte[] cut = java.util.Arrays.copyOf(batch, batch.length - 1);
        assertThatThrownBy(() -> BatchFormat.read(new ByteArrayInputStream(cut), f -> {}))
                .isInstanceOf(IOException.class).hasMessageContaining("cut off after 2 objects");
        assertThatThrownBy(() -> BatchFormat.read(new ByteArrayInputStream("<html>".getBytes()), f -> {}))
                .isInstanceOf(BatchFormat.MalformedBatchException.class);
    }

    @Test
    void bucketsAreMonthsForContentAndZeroForStructure() {
        assertThat(BatchFormat.validBucket(ObjectKind.SEGMENT, 202412)).isTrue();
        assertThat(BatchFormat.validBucket(ObjectKind.SEGMENT, 202413)).isFalse();
        assertThat(BatchFormat.validBucket(ObjectKind.SEGMENT, 196912)).isFalse();
        assertThat(BatchFormat.validBucket(ObjectKind.ROOT_MANIFEST, 0)).isTrue();
        assertThat(BatchFormat.validBucket(ObjectKind.ROOT_MANIFEST, 202401)).isFalse();
    }
}
