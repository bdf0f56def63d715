package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.core.TestVectors.*;

import com.github.luben.zstd.Zstd;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chatvault.core.chunking.TestData;
import org.chatvault.core.crypto.MasterKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §3 and §10: object ids, size classes and sealed bodies with fixed nonces, in both format versions. */
class ObjectCodecVectorsTest {
    private ObjectCodec codec;

    @BeforeEach
    void setUp() {
        codec = new ObjectCodec(MasterKey.of(MASTER_KEY.clone()).deriveVaultKeys(), new SecureRandom());
    }

    @Test
    void kindCodesAndBuckets() {
        assertThat(ObjectKind.SEGMENT.code()).isEqualTo(1);
        assertThat(ObjectKind.MEDIA_CHUNK.code()).isEqualTo(2);
        assertThat(ObjectKind.FILE_RECIPE.code()).isEqualTo(3);
        assertThat(ObjectKind.CONVERSATION_INDEX.code()).isEqualTo(4);
        assertThat(ObjectKind.ROOT_MANIFEST.code()).isEqualTo(5);
        assertThat(ObjectKind.KEY_SLOT.code()).isEqualTo(6);
        assertThat(ObjectKind.THUMBNAIL.code()).isEqualTo(7);
        assertThat(ObjectKind.MEDIA_INDEX.code()).isEqualTo(8);
        for (ObjectKind k : ObjectKind.values()) {
            boolean content = k == ObjectKind.SEGMENT || k == ObjectKind.MEDIA_CHUNK || k == ObjectKind.FILE_RECIPE
                    || k == ObjectKind.THUMBNAIL || k == ObjectKind.MEDIA_INDEX;
            assertThat(k.bucketed()).as("%s", k).isEqualTo(content);
            assertThat(k.structure()).as("%s", k).isEqualTo(!content);
        }
    }

    @Test
    void objectIds() {
        assertThat(codec.idOf(ObjectKind.SEGMENT, unhex(SEGMENT)).hex()).isEqualTo(SEGMENT_ID);
        assertThat(codec.idOf(ObjectKind.SEGMENT, unhex(SEGMENT_REPETITIVE)).hex()).isEqualTo(SEGMENT_REPETITIVE_ID);
        assertThat(codec.idOf(ObjectKind.CONVERSATION_INDEX, unhex(INDEX)).hex()).isEqualTo(INDEX_ID);
        assertThat(codec.idOf(ObjectKind.ROOT_MANIFEST, unhex(MANIFEST)).hex()).isEqualTo(MANIFEST_ID);
        assertThat(codec.idOf(ObjectKind.MEDIA_CHUNK, MEDIA).hex()).isEqualTo(MEDIA_ID);
        // the kind is part of the id: the same bytes under another kind are another object
        assertThat(codec.idOf(ObjectKind.THUMBNAIL, MEDIA).hex()).isNotEqualTo(MEDIA_ID);
    }

    @Test
    void perObjectKeysAreHmacOfTheIdUnderObjectOrManifestKey() throws Exception {
        assertThat(hex(hmac(unhex(OBJECT_KEY), unhex(SEGMENT_ID)))).isEqualTo(SEGMENT_OBJECT_KEY);
        assertThat(hex(hmac(unhex(MANIFEST_KEY), unhex(MANIFEST_ID)))).isEqualTo(MANIFEST_OBJECT_KEY);
    }

    @Test
    void sealA_smallStructureObjectIsNotCompressed() {
        SealedObject s = codec.seal(ObjectKind.ROOT_MANIFEST, 0, unhex(MANIFEST), true, counting(0xa0, 12));
        assertThat(s.id().hex()).isEqualTo(MANIFEST_ID);
        assertThat(s.kind()).isEqualTo(ObjectKind.ROOT_MANIFEST);
        assertThat(s.bucket()).isZero();
        assertThat(s.body()[2]).as("format version").isEqualTo((byte) 2);
        assertThat(hex(s.body())).isEqualTo(SEAL_A);
        // 49 bytes of payload sit in the smallest class: header, length prefix, 256 bytes, tag
        assertThat(s.body()).hasSize(ObjectCodec.HEADER_BYTES + 4 + 256 + 16);
        assertThat(codec.open(ObjectId.parse(MANIFEST_ID), ObjectKind.ROOT_MANIFEST, unhex(SEAL_A))).isEqualTo(unhex(MANIFEST));
    }

    @Test
    void sealB_compressibleSegmentIsZstdCompressed() {
        byte[] plain = unhex(SEGMENT_REPETITIVE);
        assertThat(Zstd.compress(plain, 3)).isEqualTo(unhex(SEGMENT_REPETITIVE_ZSTD));
        SealedObject s = codec.seal(ObjectKind.SEGMENT, 202403, plain, true, counting(0xb0, 12));
        assertThat(s.id().hex()).isEqualTo(SEGMENT_REPETITIVE_ID);
        assertThat(s.bucket()).isEqualTo(202403);
        assertThat(s.body()[4]).isEqualTo((byte) ObjectCodec.COMPRESSION_ZSTD);
        assertThat(hex(s.body())).isEqualTo(SEAL_B);
        assertThat(codec.open(ObjectId.parse(SEGMENT_REPETITIVE_ID), ObjectKind.SEGMENT, unhex(SEAL_B))).isEqualTo(plain);
    }

    @Test
    void sealC_incompressibleContentIsStoredAsIs() {
        assertThat(Zstd.compress(MEDIA, 3).length).isGreaterThanOrEqualTo(MEDIA.length);
        SealedObject s = codec.seal(ObjectKind.MEDIA_CHUNK, 202403, MEDIA, true, counting(0xc0, 12));
        assertThat(s.id().hex()).isEqualTo(MEDIA_ID);
        assertThat(s.body()[4]).isEqualTo((byte) ObjectCodec.COMPRESSION_NONE);
        assertThat(hex(s.body())).isEqualTo(SEAL_C);
        assertThat(codec.open(ObjectId.parse(MEDIA_ID), ObjectKind.MEDIA_CHUNK, unhex(SEAL_C))).isEqualTo(MEDIA);
    }

    @Test
    void sealD_aLargerObjectIsPaddedToItsPadmeClass() throws Exception {
        byte[] plain = TestData.splitMix64(2016, SEAL_D_PLAIN_BYTES);
        SealedObject s = codec.seal(ObjectKind.MEDIA_CHUNK, 202403, plain, false, counting(0xd0, 12));
        assertThat(s.id().hex()).isEqualTo(SEAL_D_ID);
        assertThat(s.body()).hasSize(SEAL_D_BODY_BYTES).hasSize(ObjectCodec.HEADER_BYTES + 4 + 100_352 + 16);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.body()))).isEqualTo(SEAL_D_SHA256);
        assertThat(hex(Arrays.copyOfRange(s.body(), s.body().length - 16, s.body().length))).isEqualTo(SEAL_D_TAG);
        assertThat(codec.open(s.id(), ObjectKind.MEDIA_CHUNK, s.body())).isEqualTo(plain);
    }

    /** Objects written before padding (format version 1) keep opening: existing vaults stay readable. */
    @Test
    void version1BodiesStillOpen() {
        assertThat(codec.open(ObjectId.parse(MANIFEST_ID), ObjectKind.ROOT_MANIFEST, unhex(SEAL_A_V1))).isEqualTo(unhex(MANIFEST));
        assertThat(codec.open(ObjectId.parse(SEGMENT_REPETITIVE_ID), ObjectKind.SEGMENT, unhex(SEAL_B_V1))).isEqualTo(unhex(SEGMENT_REPETITIVE));
        assertThat(codec.open(ObjectId.parse(MEDIA_ID), ObjectKind.MEDIA_CHUNK, unhex(SEAL_C_V1))).isEqualTo(MEDIA);
        assertThat(unhex(SEAL_A_V1)).hasSize(ObjectCodec.HEADER_BYTES + 49 + 16);
        assertThat(ObjectCodec.peekKind(unhex(SEAL_B_V1))).isEqualTo(ObjectKind.SEGMENT);
    }

    @Test
    void sizeClassesOfSection3_5_1() {
        int[][] table = {{0, 256}, {49, 256}, {77, 256}, {100, 256}, {256, 256}, {257, 272}, {272, 272}, {273, 288}, {1000, 1024},
                {65_536, 65_536}, {65_537, 67_584}, {100_000, 100_352}, {262_144, 262_144}, {262_145, 270_336},
                {1_048_576, 1_048_576}, {1_548_262, 1_572_864}, {4_194_304, 4_194_304}, {8_126_464, 8_126_464},
                {8_126_465, 8_257_536}, {ObjectCodec.MAX_PLAINTEXT, ObjectCodec.MAX_PLAINTEXT}};
        for (int[] row : table) {
            assertThat(SizeClasses.classOf(row[0])).as("class of %d", row[0]).isEqualTo(row[1]);
            assertThat(SizeClasses.frameLength(row[0])).isEqualTo(row[1] + 4);
        }
    }

    /** Every class is at least the payload, costs under 6.25 % above the smallest class and under 3.2 % from 64 KiB on. */
    @Test
    void sizeClassesBoundTheirOverhead() {
        SplittableRandom rnd = new SplittableRandom(7);
        int previous = 0;
        for (int n = 0; n <= 70_000; n++) {
            int c = SizeClasses.classOf(n);
            assertThat(c).as("class of %d", n).isGreaterThanOrEqualTo(Math.max(n, SizeClasses.MIN_CLASS)).isGreaterThanOrEqualTo(previous);
            if (n > SizeClasses.MIN_CLASS) assertThat((double) c / n).as("overhead at %d", n).isLessThan(1.0625);
            previous = c;
        }
        for (int i = 0; i < 100_000; i++) {
            int n = 65_536 + rnd.nextInt(ObjectCodec.MAX_PLAINTEXT - 65_536 + 1);
            int c = SizeClasses.classOf(n);
            assertThat(c).as("class of %d", n).isBetween(n, ObjectCodec.MAX_PLAINTEXT);
            assertThat((double) c / n).as("overhead at %d", n).isLessThan(1.032);
        }
        // the number of classes grows with log log: 32 lengths for all payloads of 64 KiB + 1 … 128 KiB
        assertThat(java.util.stream.IntStream.rangeClosed(65_537, 131_072).map(SizeClasses::classOf).distinct().count()).isEqualTo(32);
    }

    @Test
    void aSealedBodysLengthIsItsClassNotThePayloadLength() {
        for (int n : new int[] {0, 1, 100, 255, 256, 257, 3_000, 24_000, 123_456, 262_144, 300_000}) {
            byte[] plain = TestData.splitMix64(n, n);
            SealedObject s = codec.seal(ObjectKind.MEDIA_CHUNK, 202403, plain, false);
            assertThat(s.body()).as("%d bytes", n).hasSize(ObjectCodec.HEADER_BYTES + SizeClasses.frameLength(n) + 16);
            assertThat(codec.open(s.id(), ObjectKind.MEDIA_CHUNK, s.body())).isEqualTo(plain);
        }
        // two files of different lengths in one class are sealed to bodies of one length
        assertThat(codec.seal(ObjectKind.MEDIA_CHUNK, 202403, new byte[123_000], false).body())
                .hasSameSizeAs(codec.seal(ObjectKind.MEDIA_CHUNK, 202403, new byte[123_456], false).body());
    }

    @Test
    void tryCompressFalseStoresCompressibleDataAsIs() {
        byte[] plain = unhex(SEGMENT_REPETITIVE);
        SealedObject s = codec.seal(ObjectKind.SEGMENT, 202403, plain, false, counting(0xb0, 12));
        assertThat(s.body()[4]).isEqualTo((byte) ObjectCodec.COMPRESSION_NONE);
        assertThat(s.body()).hasSize(ObjectCodec.HEADER_BYTES + SizeClasses.frameLength(plain.length) + 16);
        assertThat(codec.open(s.id(), ObjectKind.SEGMENT, s.body())).isEqualTo(plain);
    }

    @Test
    void compressionIsOnlyTriedAbove64Bytes() {
        byte[] zeros64 = new byte[64];
        byte[] zeros65 = new byte[65];
        assertThat(codec.seal(ObjectKind.MEDIA_CHUNK, 202401, zeros64).body()[4]).isEqualTo((byte) 0);
        assertThat(codec.seal(ObjectKind.MEDIA_CHUNK, 202401, zeros65).body()[4]).isEqualTo((byte) 1);
    }

    @Test
    void sealingTheSamePlaintextTwiceGivesTheSameIdAndDifferentBodies() {
        SealedObject a = codec.seal(ObjectKind.SEGMENT, 202403, unhex(SEGMENT));
        SealedObject b = codec.seal(ObjectKind.SEGMENT, 202403, unhex(SEGMENT));
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(a.id().hex()).isEqualTo(SEGMENT_ID);
        assertThat(a.body()).isNotEqualTo(b.body());
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data);
    }
}
