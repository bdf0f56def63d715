package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.core.TestVectors.*;

import com.github.luben.zstd.Zstd;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chatvault.core.crypto.MasterKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §3 and §10: object ids and sealed bodies with fixed nonces. */
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
        assertThat(hex(s.body())).isEqualTo(SEAL_A);
        assertThat(s.body()).hasSize(ObjectCodec.HEADER_BYTES + 49 + 16);
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
    void tryCompressFalseStoresCompressibleDataAsIs() {
        byte[] plain = unhex(SEGMENT_REPETITIVE);
        SealedObject s = codec.seal(ObjectKind.SEGMENT, 202403, plain, false, counting(0xb0, 12));
        assertThat(s.body()[4]).isEqualTo((byte) ObjectCodec.COMPRESSION_NONE);
        assertThat(s.body()).hasSize(ObjectCodec.HEADER_BYTES + plain.length + 16);
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
