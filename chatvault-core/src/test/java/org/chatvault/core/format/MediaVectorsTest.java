package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.*;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.chunking.FastCdc;
import org.chatvault.core.chunking.TestData;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.format.FileRecipe.ChunkRef;
import org.chatvault.core.format.MediaRef.Role;
import org.chatvault.core.format.MediaRef.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §13–§15 and their §10.6 vectors: file recipes, media indexes, conversation index schema 2. */
class MediaVectorsTest {
    private static ObjectCodec codec;
    private static byte[] file;

    @BeforeAll
    static void setUp() {
        codec = new ObjectCodec(MasterKey.of(MASTER_KEY.clone()).deriveVaultKeys(), new SecureRandom());
        file = TestData.splitMix64(2016, FILE_LENGTH);
    }

    // ---- §13 file recipe -------------------------------------------------------------------------

    /** The whole write path: FastCDC cuts, MEDIA_CHUNK ids, recipe bytes, recipe id. */
    @Test
    void recipeVectorFromChunkingTheFile() throws Exception {
        assertThat(hex(MessageDigest.getInstance("SHA-256").digest(file))).isEqualTo(FILE_SHA256);
        FastCdc cdc = new FastCdc(ChunkerParams.DEFAULT);
        List<ChunkRef> chunks = new ArrayList<>();
        for (int pos = 0; pos < file.length; ) {
            int len = cdc.nextCut(file, pos, file.length - pos);
            chunks.add(new ChunkRef(codec.idOf(ObjectKind.MEDIA_CHUNK, Arrays.copyOfRange(file, pos, pos + len)), len));
            pos += len;
        }
        assertThat(chunks).extracting(ChunkRef::length).containsExactly(FILE_CUT, FILE_LENGTH - FILE_CUT);
        assertThat(chunks).extracting(c -> c.id().hex()).containsExactly(FILE_CHUNK0_ID, FILE_CHUNK1_ID);
        FileRecipe recipe = FileRecipe.of(chunks);
        assertThat(recipe.size()).isEqualTo(FILE_LENGTH);
        assertThat(hex(recipe.encode())).isEqualTo(RECIPE);
        assertThat(codec.idOf(ObjectKind.FILE_RECIPE, recipe.encode()).hex()).isEqualTo(RECIPE_ID);
        assertThat(FileRecipe.decode(unhex(RECIPE))).isEqualTo(recipe);
        assertThat(MediaRef.shapeFor(FILE_LENGTH)).isEqualTo(Shape.RECIPE);
    }

    @Test
    void emptyRecipe() {
        FileRecipe empty = new FileRecipe(0, List.of());
        assertThat(hex(empty.encode())).isEqualTo("010000");
        assertThat(FileRecipe.decode(unhex("010000"))).isEqualTo(empty);
    }

    @Test
    void recipeDecodingRejectsBadInput() {
        byte[] good = unhex(RECIPE);
        assertRejectsEveryTruncationAndTrailingByte(good, FileRecipe::decode);
        assertCorrupt(() -> FileRecipe.decode(withByte(good, 0, 2)), "schema 2");
        // size 1600001 (81d461) while the chunks add up to 1600000
        assertCorrupt(() -> FileRecipe.decode(withByte(good, 1, 0x81)), "add up to 1600000, not the file size 1600001");
        // first chunk length 0: 02 ‖ id ‖ 00 instead of e6bf5e, then the rest
        byte[] zeroLength = unhex("0180d46102" + FILE_CHUNK0_ID + "00" + FILE_CHUNK1_ID + "9a9403");
        assertCorrupt(() -> FileRecipe.decode(zeroLength), "chunk 0 has length 0");
        byte[] overMax = unhex("01" + "81808004" + "01" + FILE_CHUNK0_ID + "81808004"); // one chunk of 8 MiB + 1
        assertCorrupt(() -> FileRecipe.decode(overMax), "chunk 0 has length 8388609");
        assertCorrupt(() -> FileRecipe.decode(unhex("010500")), "5 bytes lists 0 chunks");
        assertCorrupt(() -> FileRecipe.decode(unhex("0100" + "01" + FILE_CHUNK0_ID + "01")), "0 bytes lists 1 chunks");
        assertCorrupt(() -> FileRecipe.decode(unhex("010102" + FILE_CHUNK0_ID)), "exceeds"); // 2 chunks need 66 bytes
        assertCorrupt(() -> FileRecipe.decode(unhex("01ffffffffffffffffff0100")), "out of range");
    }

    @Test
    void recipeConstructorChecksLikeTheDecoder() {
        ObjectId id = ObjectId.parse(FILE_CHUNK0_ID);
        assertThatThrownBy(() -> new FileRecipe(5, List.of(new ChunkRef(id, 4)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkRef(id, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkRef(id, ObjectCodec.MAX_PLAINTEXT + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- §14 media index -------------------------------------------------------------------------

    static List<MediaRef> vectorRefs() {
        // deliberately not in the encoded order: the encoder sorts
        return List.of(
                new MediaRef("video-1", Role.FILE, Shape.RECIPE, ObjectId.parse(RECIPE_ID), FILE_LENGTH),
                new MediaRef("sha256:ab", Role.THUMBNAIL, Shape.SINGLE, ObjectId.parse(THUMB_ID), THUMB.length),
                new MediaRef("sha256:ab", Role.FILE, Shape.SINGLE, ObjectId.parse(MEDIA_ID), MEDIA.length));
    }

    @Test
    void mediaIndexVector() throws Exception {
        assertThat(codec.idOf(ObjectKind.THUMBNAIL, THUMB).hex()).isEqualTo(THUMB_ID);
        MediaIndex index = new MediaIndex(CONVERSATION_ID, 202403, vectorRefs());
        assertThat(hex(index.encode())).isEqualTo(MEDIA_INDEX);
        assertThat(codec.idOf(ObjectKind.MEDIA_INDEX, index.encode()).hex()).isEqualTo(MEDIA_INDEX_ID);
        assertThat(hex(hmac(unhex(OBJECT_KEY), unhex(MEDIA_INDEX_ID)))).isEqualTo(MEDIA_INDEX_OBJECT_KEY);
        assertThat(MediaIndex.decode(unhex(MEDIA_INDEX))).isEqualTo(index);
        assertThat(index.refs()).extracting(MediaRef::objectKind)
                .containsExactly(ObjectKind.MEDIA_CHUNK, ObjectKind.THUMBNAIL, ObjectKind.FILE_RECIPE);
        // a content object: sealed under objectKey with the month as its bucket, opened back
        SealedObject sealed = codec.seal(ObjectKind.MEDIA_INDEX, 202403, index.encode());
        assertThat(MediaIndex.decode(codec.open(sealed.id(), ObjectKind.MEDIA_INDEX, sealed.body()))).isEqualTo(index);
    }

    @Test
    void mediaIndexOrdersContentIdsByUtf8BytesNotUtf16() {
        ObjectId id = ObjectId.parse(MEDIA_ID);
        // U+FF21 is ef bc a1 in UTF-8, U+1F3E0 is f0 9f 8f a0: UTF-8 puts U+FF21 first, UTF-16 (d83c…) the other way
        MediaRef house = new MediaRef("\uD83C\uDFE0", Role.FILE, Shape.SINGLE, id, 1);
        MediaRef fullwidthA = new MediaRef("\uFF21", Role.FILE, Shape.SINGLE, id, 1);
        MediaIndex index = new MediaIndex("c", 202401, List.of(house, fullwidthA));
        assertThat(index.refs()).containsExactly(fullwidthA, house);
        assertThat(MediaIndex.decode(index.encode())).isEqualTo(index);
    }

    @Test
    void mediaIndexRejectsDuplicatesAndBadRefsWhenBuilt() {
        MediaRef a = vectorRefs().get(2);
        assertThatThrownBy(() -> new MediaIndex("c", 202403, List.of(a, a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new MediaIndex("c", 202413, List.of())).isInstanceOf(IllegalArgumentException.class);
        ObjectId id = ObjectId.parse(MEDIA_ID);
        assertThatThrownBy(() -> new MediaRef("x", Role.THUMBNAIL, Shape.RECIPE, id, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaRef("x", Role.FILE, Shape.RECIPE, id, MediaRef.SINGLE_MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaRef("x", Role.FILE, Shape.SINGLE, id, MediaRef.SINGLE_MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MediaRef("x", Role.FILE, Shape.SINGLE, id, MediaRef.SINGLE_MAX).shape()).isEqualTo(Shape.SINGLE);
        assertThat(MediaRef.SINGLE_MAX).isEqualTo(262_144).isEqualTo(ChunkerParams.DEFAULT.min());
    }

    @Test
    void mediaIndexDecodingRejectsBadInput() {
        byte[] good = unhex(MEDIA_INDEX);
        assertRejectsEveryTruncationAndTrailingByte(good, MediaIndex::decode);
        int ref0 = 1 + 8 + 3 + 1; // schema, "chat-42", month, count
        int ref1 = ref0 + 10 + 2 + 32 + 1;
        int ref2 = ref1 + 10 + 2 + 32 + 1;
        assertCorrupt(() -> MediaIndex.decode(withByte(good, 0, 2)), "schema 2");
        assertCorrupt(() -> MediaIndex.decode(withByte(good, ref0 + 10, 3)), "unknown media role code 3");
        assertCorrupt(() -> MediaIndex.decode(withByte(good, ref0 + 11, 0)), "unknown media shape code 0");
        assertCorrupt(() -> MediaIndex.decode(withByte(good, ref1 + 11, 2)), "thumbnail must be SINGLE");
        assertCorrupt(() -> MediaIndex.decode(withByte(good, ref0 + 11, 2)), "must be SINGLE, not RECIPE");
        // month 202413 (a3ad0c + 10 = ad ad 0c)
        assertCorrupt(() -> MediaIndex.decode(withByte(good, 9, 0xad)), "not a valid yyyymm");
        // swap the file and the thumbnail of "sha256:ab": now unsorted
        byte[] swapped = good.clone();
        System.arraycopy(good, ref1, swapped, ref0, ref2 - ref1);
        System.arraycopy(good, ref0, swapped, ref0 + (ref2 - ref1), ref1 - ref0);
        assertCorrupt(() -> MediaIndex.decode(swapped), "must be sorted and unique");
        // the first ref twice (the count says 2)
        byte[] duplicate = new byte[ref0 + 2 * (ref1 - ref0)];
        System.arraycopy(good, 0, duplicate, 0, ref0);
        System.arraycopy(good, ref0, duplicate, ref0, ref1 - ref0);
        System.arraycopy(good, ref0, duplicate, ref1, ref1 - ref0);
        duplicate[ref0 - 1] = 2;
        assertCorrupt(() -> MediaIndex.decode(duplicate), "must be sorted and unique");
        assertCorrupt(() -> MediaIndex.decode(withByte(good, ref0 - 1, 0x7f)), "exceeds");
    }

    // ---- §15 conversation index, schema 2 ----------------------------------------------------------

    static ConversationIndex vectorIndex2() {
        ConversationIndex base = EncodingVectorsTest.vectorIndex();
        return new ConversationIndex(base.conversation(), base.segments(),
                List.of(new MediaIndexRef(202403, ObjectId.parse(MEDIA_INDEX_ID))));
    }

    @Test
    void conversationIndexSchema2Vector() {
        assertThat(hex(vectorIndex2().encode())).isEqualTo(INDEX2);
        assertThat(codec.idOf(ObjectKind.CONVERSATION_INDEX, unhex(INDEX2)).hex()).isEqualTo(INDEX2_ID);
        assertThat(ConversationIndex.decode(unhex(INDEX2))).isEqualTo(vectorIndex2());
        // without media the same index is still schema 1, byte for byte the §10.2 vector
        assertThat(hex(EncodingVectorsTest.vectorIndex().encode())).isEqualTo(INDEX);
        assertThat(ConversationIndex.decode(unhex(INDEX)).media()).isEmpty();
    }

    @Test
    void conversationIndexSchema2RejectsBadInput() {
        byte[] good = unhex(INDEX2);
        assertRejectsEveryTruncationAndTrailingByte(good, ConversationIndex::decode);
        int media = unhex(INDEX).length; // where nm starts
        assertCorrupt(() -> ConversationIndex.decode(withByte(good, 0, 4)), "schema 4");
        assertCorrupt(() -> ConversationIndex.decode(unhex("02" + INDEX.substring(2) + "00")), "no media (must be schema 1)");
        assertCorrupt(() -> ConversationIndex.decode(withByte(good, media + 1, 0xad)), "not a valid yyyymm");
        String ref = "a3ad0c" + MEDIA_INDEX_ID;
        assertCorrupt(() -> ConversationIndex.decode(unhex("02" + INDEX.substring(2) + "02" + ref + ref)), "increase strictly");
        assertCorrupt(() -> ConversationIndex.decode(unhex("02" + INDEX.substring(2) + "02" + ref)), "exceeds");
        // schema 1 must not carry a media list
        assertCorrupt(() -> ConversationIndex.decode(withByte(good, 0, 1)), "trailing");
        assertThatThrownBy(() -> new ConversationIndex(vectorIndex2().conversation(), List.of(),
                List.of(new MediaIndexRef(202403, ObjectId.parse(MEDIA_ID)), new MediaIndexRef(202402, ObjectId.parse(MEDIA_ID)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static void assertRejectsEveryTruncationAndTrailingByte(byte[] good, java.util.function.Consumer<byte[]> decode) {
        EncodingVectorsTest.assertRejectsEveryTruncation(good, decode);
        assertCorrupt(() -> decode.accept(Arrays.copyOf(good, good.length + 1)), "trailing");
    }

    private static void assertCorrupt(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(CorruptDataException.class).hasMessageContaining(message);
    }

    private static byte[] withByte(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index] = (byte) value;
        return c;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        return m.doFinal(data);
    }
}
