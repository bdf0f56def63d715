package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.*;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.error.CorruptDataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §3.8: everything wrong with a body, of either format version, is a CorruptDataException. */
class ObjectCodecTamperTest {
    private ObjectCodec codec;

    @BeforeEach
    void setUp() {
        codec = new ObjectCodec(MasterKey.of(MASTER_KEY.clone()).deriveVaultKeys(), new SecureRandom());
    }

    @Test
    void roundTripsEveryKindAndSize() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (ObjectKind kind : ObjectKind.values()) {
            for (int size : new int[] {0, 1, 64, 65, 1000, 70_000, 300_000}) {
                byte[] plain = new byte[size];
                for (int i = 0; i < size; i++) plain[i] = (byte) (i % 7 == 0 ? rnd.nextInt(256) : 'a');
                SealedObject s = codec.seal(kind, kind.bucketed() ? 202501 : 0, plain);
                assertThat(ObjectCodec.peekKind(s.body())).isEqualTo(kind);
                assertThat(codec.open(s.id(), kind, s.body())).as("%s %d", kind, size).isEqualTo(plain);
            }
        }
    }

    @Test
    void flippingAnyBitOfABodyIsDetected() {
        for (String vector : new String[] {SEAL_A, SEAL_B, SEAL_C, SEAL_A_V1, SEAL_B_V1, SEAL_C_V1}) {
            byte[] good = unhex(vector);
            ObjectKind kind = ObjectKind.fromCode(good[3]);
            ObjectId id = idFor(vector);
            assertThat(codec.open(id, kind, good)).isNotNull();
            for (int i = 0; i < good.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = good.clone();
                    bad[i] ^= (byte) (1 << bit);
                    assertThatThrownBy(() -> codec.open(id, kind, bad)).as("byte %d bit %d", i, bit)
                            .isInstanceOf(CorruptDataException.class);
                }
            }
        }
    }

    @Test
    void bodiesCannotBeSwappedBetweenIds() {
        SealedObject a = codec.seal(ObjectKind.SEGMENT, 202403, "first segment".getBytes());
        SealedObject b = codec.seal(ObjectKind.SEGMENT, 202403, "second segment".getBytes());
        assertThatThrownBy(() -> codec.open(a.id(), ObjectKind.SEGMENT, b.body())).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> codec.open(b.id(), ObjectKind.SEGMENT, a.body())).isInstanceOf(CorruptDataException.class);
        // also across kinds and key roots: a manifest body offered under a segment id
        assertThatThrownBy(() -> codec.open(ObjectId.parse(SEGMENT_ID), ObjectKind.ROOT_MANIFEST, unhex(SEAL_A)))
                .isInstanceOf(CorruptDataException.class);
    }

    @Test
    void theWrongKindIsRejected() {
        for (ObjectKind wrong : ObjectKind.values()) {
            if (wrong == ObjectKind.ROOT_MANIFEST) continue;
            assertThatThrownBy(() -> codec.open(ObjectId.parse(MANIFEST_ID), wrong, unhex(SEAL_A)))
                    .as("%s", wrong).isInstanceOf(CorruptDataException.class);
        }
        // the same plaintext sealed as another kind has another id, and the header cannot be relabelled
        byte[] relabelled = unhex(SEAL_A);
        relabelled[3] = (byte) ObjectKind.CONVERSATION_INDEX.code();
        assertThatThrownBy(() -> codec.open(ObjectId.parse(MANIFEST_ID), ObjectKind.CONVERSATION_INDEX, relabelled))
                .isInstanceOf(CorruptDataException.class);
    }

    @Test
    void truncatedAndExtendedBodiesAreRejected() {
        for (String vector : new String[] {SEAL_B, SEAL_B_V1}) {
            byte[] good = unhex(vector);
            ObjectId id = ObjectId.parse(SEGMENT_REPETITIVE_ID);
            for (int n = 0; n < good.length; n++) {
                byte[] cut = Arrays.copyOf(good, n);
                assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, cut)).as("length %d", n)
                        .isInstanceOf(CorruptDataException.class);
            }
            byte[] longer = Arrays.copyOf(good, good.length + 1);
            assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, longer)).isInstanceOf(CorruptDataException.class);
        }
    }

    /** The version byte is in the AAD: a padded body cannot be passed off as an unpadded one, nor the reverse. */
    @Test
    void theFormatVersionCannotBeChanged() {
        for (String vector : new String[] {SEAL_A, SEAL_A_V1}) {
            byte[] body = unhex(vector);
            body[2] = (byte) (body[2] == 2 ? 1 : 2);
            assertThatThrownBy(() -> codec.open(ObjectId.parse(MANIFEST_ID), ObjectKind.ROOT_MANIFEST, body))
                    .isInstanceOf(CorruptDataException.class).hasMessageContaining("does not authenticate");
        }
        for (int version : new int[] {0, 3, 0x7f, -1}) {
            byte[] body = unhex(SEAL_A);
            body[2] = (byte) version;
            assertThatThrownBy(() -> ObjectCodec.peekKind(body)).isInstanceOf(CorruptDataException.class).hasMessageContaining("version");
            assertThatThrownBy(() -> codec.open(ObjectId.parse(MANIFEST_ID), ObjectKind.ROOT_MANIFEST, body))
                    .isInstanceOf(CorruptDataException.class).hasMessageContaining("version");
        }
    }

    /**
     * A version-2 frame that authenticates but is malformed inside (only a key holder can make one):
     * a length prefix past the frame, non-zero padding, a frame shorter than its prefix. Each is a
     * CorruptDataException that says so; a frame of a length that is no class still opens, since the
     * classes are the writer's choice.
     */
    @Test
    void malformedPaddingIsCorruptData() throws Exception {
        ObjectId id = ObjectId.parse(SEGMENT_ID);
        byte[] plain = unhex(SEGMENT);
        byte[] good = frame(plain, 256);
        assertThat(codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 0, id, good, counting(0, 12)))).isEqualTo(plain);
        assertThat(codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 0, id, frame(plain, 1000), counting(0, 12))))
                .as("a frame of no class").isEqualTo(plain);
        assertThat(codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 0, id, frame(plain, plain.length), counting(0, 12))))
                .as("no padding at all").isEqualTo(plain);

        byte[] nonZero = good.clone();
        nonZero[nonZero.length - 1] = 1;
        byte[] tooLong = good.clone();
        tooLong[2] = 1;
        tooLong[3] = 1; // 257 bytes said, 256 follow
        byte[] hugeLength = good.clone();
        hugeLength[0] = (byte) 0xff;
        for (byte[] bad : new byte[][] {nonZero, tooLong, hugeLength, new byte[3], new byte[0]}) {
            assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 0, id, bad, counting(0, 12))))
                    .isInstanceOf(CorruptDataException.class).hasMessageContaining("malformed padding");
        }
        // a prefix that is one byte short leaves a non-zero payload byte in the padding, or cuts the plaintext
        byte[] shortLength = good.clone();
        shortLength[3] = (byte) (plain.length - 1);
        assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 0, id, shortLength, counting(0, 12))))
                .isInstanceOf(CorruptDataException.class);
    }

    /** Random frames under valid keys: opening fails only with CorruptDataException, never another exception. */
    @Test
    void randomFramesNeverEscapeAsAnotherException() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2024);
        ObjectId id = ObjectId.parse(SEGMENT_ID);
        for (int i = 0; i < 2_000; i++) {
            byte[] frame = new byte[rnd.nextInt(600)];
            rnd.nextBytes(frame);
            if (frame.length >= 4 && rnd.nextBoolean()) { frame[0] = 0; frame[1] = 0; frame[2] = (byte) rnd.nextInt(3); }
            int compression = rnd.nextInt(2);
            byte[] body = craft(2, ObjectKind.SEGMENT, compression, id, frame, counting(0, 12));
            assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, body)).as("frame %d", i).isInstanceOf(CorruptDataException.class);
        }
    }

    @Test
    void anotherVaultsObjectsDoNotOpen() {
        ObjectCodec other = new ObjectCodec(MasterKey.of(counting(0x01, 32)).deriveVaultKeys(), new SecureRandom());
        assertThatThrownBy(() -> other.open(ObjectId.parse(SEGMENT_REPETITIVE_ID), ObjectKind.SEGMENT, unhex(SEAL_B)))
                .isInstanceOf(CorruptDataException.class);
    }

    /** The last check: a body that authenticates under an id but whose plaintext hashes to another id. Only a holder
     *  of the keys can build one; this test can, because it knows them. */
    @Test
    void plaintextThatDoesNotHashToItsIdIsRejected() throws Exception {
        ObjectId claimed = ObjectId.parse(SEGMENT_ID);
        byte[] body = craft(2, ObjectKind.SEGMENT, 0, claimed, frame("not the segment".getBytes(), 256), counting(0, 12));
        assertThatThrownBy(() -> codec.open(claimed, ObjectKind.SEGMENT, body))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("does not match its id");
        // sanity: the same crafting with the right plaintext opens
        assertThat(codec.open(claimed, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 0, claimed, frame(unhex(SEGMENT), 256), counting(0, 12))))
                .isEqualTo(unhex(SEGMENT));
        // and in format version 1
        assertThatThrownBy(() -> codec.open(claimed, ObjectKind.SEGMENT, craft(ObjectKind.SEGMENT, 0, claimed, "not the segment".getBytes(), counting(0, 12))))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("does not match its id");
        assertThat(codec.open(claimed, ObjectKind.SEGMENT, craft(ObjectKind.SEGMENT, 0, claimed, unhex(SEGMENT), counting(0, 12))))
                .isEqualTo(unhex(SEGMENT));
    }

    @Test
    void unknownCompressionAndBadZstdFramesAreRejected() throws Exception {
        ObjectId id = ObjectId.parse(SEGMENT_ID);
        byte[] plain = unhex(SEGMENT);
        assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(ObjectKind.SEGMENT, 2, id, plain, counting(0, 12))))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("unknown compression");
        // "zstd" flag over bytes that are no zstd frame
        assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(ObjectKind.SEGMENT, 1, id, plain, counting(0, 12))))
                .isInstanceOf(CorruptDataException.class);
        // a valid zstd frame that does not declare its content size (streaming encoders omit it) is refused
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(streamed)) {
            z.write(plain);
        }
        byte[] frame = streamed.toByteArray();
        assertThat(Zstd.getFrameContentSize(frame)).isNegative();
        assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(ObjectKind.SEGMENT, 1, id, frame, counting(0, 12))))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("bad zstd frame");
        // while a frame with content size opens, whatever level made it: compressed bytes are not part of the id
        byte[] level19 = Zstd.compress(plain, 19);
        assertThat(codec.open(id, ObjectKind.SEGMENT, craft(ObjectKind.SEGMENT, 1, id, level19, counting(0, 12)))).isEqualTo(plain);
        // the same checks hold inside a padded (version 2) frame
        assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 2, id, frame(plain, 256), counting(0, 12))))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("unknown compression");
        assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 1, id, frame(plain, 256), counting(0, 12))))
                .isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 1, id, frame(frame, 256), counting(0, 12))))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("bad zstd frame");
        assertThat(codec.open(id, ObjectKind.SEGMENT, craft(2, ObjectKind.SEGMENT, 1, id, frame(level19, 256), counting(0, 12)))).isEqualTo(plain);
    }

    @Test
    void bucketsAreRequiredExactlyForContentKinds() {
        assertThatThrownBy(() -> codec.seal(ObjectKind.SEGMENT, 0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.seal(ObjectKind.ROOT_MANIFEST, 202401, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.seal(ObjectKind.MEDIA_CHUNK, 202401, new byte[ObjectCodec.MAX_PLAINTEXT + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ObjectId idFor(String vector) {
        return ObjectId.parse(switch (ObjectKind.fromCode(unhex(vector)[3])) {
            case ROOT_MANIFEST -> MANIFEST_ID;
            case SEGMENT -> SEGMENT_REPETITIVE_ID;
            default -> MEDIA_ID;
        });
    }

    /** A version-2 frame built by hand from §3.5.1: {@code length:u32 ‖ payload ‖ zeros}, {@code size} bytes after the prefix. */
    private static byte[] frame(byte[] payload, int size) {
        byte[] f = new byte[4 + size];
        java.nio.ByteBuffer.wrap(f).putInt(payload.length).put(payload);
        return f;
    }

    /** Builds a version-1 body by hand from §3: header ‖ AES-GCM(perObjectKey, nonce, aad, payload). */
    private static byte[] craft(ObjectKind kind, int compression, ObjectId id, byte[] payload, byte[] nonce) throws Exception {
        return craft(1, kind, compression, id, payload, nonce);
    }

    /** Builds a body of {@code version} by hand: for version 2, {@code payload} is the whole frame, prefix and padding included. */
    private static byte[] craft(int version, ObjectKind kind, int compression, ObjectId id, byte[] payload, byte[] nonce) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(unhex(kind.structure() ? MANIFEST_KEY : OBJECT_KEY), "HmacSHA256"));
        byte[] key = m.doFinal(id.toBytes());
        byte[] aad = new byte[35];
        aad[0] = (byte) version;
        aad[1] = (byte) kind.code();
        aad[2] = (byte) compression;
        id.writeTo(aad, 3);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(aad);
        byte[] ct = gcm.doFinal(payload);
        byte[] header = {'C', 'V', (byte) version, (byte) kind.code(), (byte) compression};
        byte[] body = new byte[5 + 12 + ct.length];
        System.arraycopy(header, 0, body, 0, 5);
        System.arraycopy(nonce, 0, body, 5, 12);
        System.arraycopy(ct, 0, body, 17, ct.length);
        return body;
    }
}
