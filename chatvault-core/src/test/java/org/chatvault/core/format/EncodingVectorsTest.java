package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §4, §6, §7, §8: exact bytes of the plaintext encodings. */
class EncodingVectorsTest {

    // ---- §4 primitives -------------------------------------------------------------------------

    @Test
    void varints() {
        assertThat(hex(new ByteWriter(0).varint(0).toByteArray())).isEqualTo("00");
        assertThat(hex(new ByteWriter(0).varint(127).toByteArray())).isEqualTo("7f");
        assertThat(hex(new ByteWriter(0).varint(128).toByteArray())).isEqualTo("8001");
        assertThat(hex(new ByteWriter(0).varint(300).toByteArray())).isEqualTo("ac02");
        assertThat(hex(new ByteWriter(0).varint(-1).toByteArray())).isEqualTo("ffffffffffffffffff01");
        assertThat(hex(new ByteWriter(0).varint(Long.MAX_VALUE).toByteArray())).isEqualTo("ffffffffffffffff7f");
        assertThat(new ByteReader(unhex("ffffffffffffffffff01")).varint()).isEqualTo(-1L);
    }

    @Test
    void zigzagSvarints() {
        long[] values = {0, -1, 1, -2, 2, -64, 64, Long.MIN_VALUE, Long.MAX_VALUE};
        String[] hex = {"00", "01", "02", "03", "04", "7f", "8001", "ffffffffffffffffff01", "feffffffffffffffff01"};
        for (int i = 0; i < values.length; i++) {
            byte[] b = new ByteWriter(0).svarint(values[i]).toByteArray();
            assertThat(hex(b)).as("%d", values[i]).isEqualTo(hex[i]);
            assertThat(new ByteReader(b).svarint()).isEqualTo(values[i]);
        }
    }

    @Test
    void stringsAreVarintLengthThenUtf8() {
        assertThat(hex(new ByteWriter(0).string("").toByteArray())).isEqualTo("00");
        assertThat(hex(new ByteWriter(0).string("h\u00e9\u2615\uD83C\uDFE0").toByteArray())).isEqualTo("0a68c3a9e29895f09f8fa0");
        assertThat(new ByteReader(unhex("0a68c3a9e29895f09f8fa0")).string()).isEqualTo("h\u00e9\u2615\uD83C\uDFE0");
    }

    @Test
    void readerRejectsTruncationOverlongVarintsAndBadCounts() {
        assertThatThrownBy(() -> new ByteReader(unhex("80")).varint()).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> new ByteReader(unhex("8080808080808080808001")).varint()).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> new ByteReader(unhex("0568656c6c")).string()).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> new ByteReader(unhex("8080808008")).varint32()).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> new ByteReader(unhex("030000")).count(1)).isInstanceOf(CorruptDataException.class);
        assertThat(new ByteReader(unhex("02aabb")).count(1)).isEqualTo(2);
        ByteReader r = new ByteReader(unhex("0000"));
        r.u8();
        assertThatThrownBy(r::expectEnd).isInstanceOf(CorruptDataException.class);
    }

    // ---- §6 segment ----------------------------------------------------------------------------

    @Test
    void segmentVector() {
        byte[] encoded = SegmentCodec.encode(CONVERSATION_ID, SEGMENT_MESSAGES);
        assertThat(hex(encoded)).isEqualTo(SEGMENT);
        SegmentCodec.Segment decoded = SegmentCodec.decode(unhex(SEGMENT));
        assertThat(decoded.conversationId()).isEqualTo(CONVERSATION_ID);
        assertThat(decoded.messages()).isEqualTo(SEGMENT_MESSAGES);
    }

    @Test
    void repetitiveSegmentVector() {
        List<Message> greetings = new ArrayList<>();
        for (int i = 0; i < 4; i++) greetings.add(Message.text(CONVERSATION_ID, "g" + i, T0 + 60_000L * i, "alice", GREETING));
        assertThat(hex(SegmentCodec.encode(CONVERSATION_ID, greetings))).isEqualTo(SEGMENT_REPETITIVE);
    }

    @Test
    void segmenterCutsTheVectorMessagesIntoExactlyTheVectorSegment() {
        List<Segmenter.SegmentDraft> drafts = new ArrayList<>();
        Segmenter s = new Segmenter(CONVERSATION_ID, drafts::add);
        SEGMENT_MESSAGES.forEach(s::add);
        s.add(new Message(CONVERSATION_ID, "gone", T0 + 6_000, "bob", MessageType.TEXT, "burn", List.of(), null, null, null, true));
        s.finish();
        assertThat(drafts).hasSize(1);
        Segmenter.SegmentDraft d = drafts.getFirst();
        assertThat(hex(d.plaintext())).isEqualTo(SEGMENT);
        assertThat(d.month()).isEqualTo(202403);
        assertThat(d.firstSentAt()).isEqualTo(T0);
        assertThat(d.lastSentAt()).isEqualTo(T0 + 5_000);
        assertThat(d.count()).isEqualTo(3);
    }

    @Test
    void messageTypeAndFlagCodes() {
        MessageType[] types = MessageType.values();
        String[] names = {"TEXT", "IMAGE", "VOICE", "VIDEO", "FILE", "STICKER", "LINK", "LOCATION", "SYSTEM", "CONTACT", "POLL"};
        for (int i = 0; i < names.length; i++) assertThat(MessageType.fromCode(i + 1).name()).isEqualTo(names[i]);
        assertThat(types).hasSize(11);
        assertThat(new int[] {SegmentCodec.F_TEXT, SegmentCodec.F_REPLY, SegmentCodec.F_FORWARD, SegmentCodec.F_EDITED,
                SegmentCodec.F_ATTACHMENTS}).containsExactly(1, 2, 4, 8, 16);
        assertThat(ConversationKind.fromCode(1)).isEqualTo(ConversationKind.DIRECT);
        assertThat(ConversationKind.fromCode(2)).isEqualTo(ConversationKind.GROUP);
        assertThat(ConversationKind.fromCode(3)).isEqualTo(ConversationKind.CHANNEL);
    }

    @Test
    void segmentEdgeCasesRoundTrip() {
        List<Message> messages = List.of(
                new Message("c", "early", -86_400_001L, "x", MessageType.SYSTEM, "", List.of(), "", "", -86_400_001L, false),
                new Message("c", "late", 4_102_444_800_000L, "", MessageType.POLL, null,
                        List.of(new Attachment("a", null, null, 0, null), new Attachment("b", "n", "m", Long.MAX_VALUE, "t")),
                        null, null, 4_102_444_800_000L + 1, false));
        SegmentCodec.Segment d = SegmentCodec.decode(SegmentCodec.encode("c", messages));
        assertThat(d.messages()).isEqualTo(messages);
    }

    @Test
    void segmentDecodingRejectsBadInput() {
        byte[] good = unhex(SEGMENT);
        byte[] schema2 = good.clone();
        schema2[0] = 2;
        assertThatThrownBy(() -> SegmentCodec.decode(schema2)).isInstanceOf(CorruptDataException.class);
        assertRejectsEveryTruncation(good, SegmentCodec::decode);
        assertThatThrownBy(() -> SegmentCodec.decode(Arrays.copyOf(good, good.length + 1))).isInstanceOf(CorruptDataException.class);
        byte[] badType = good.clone();
        badType[1 + 8 + 1 + 3 + 6 + 6] = 0; // m1's type byte
        assertThatThrownBy(() -> SegmentCodec.decode(badType)).isInstanceOf(CorruptDataException.class);
        byte[] hugeCount = good.clone();
        hugeCount[9] = 0x7f; // 127 messages cannot fit in what follows
        assertThatThrownBy(() -> SegmentCodec.decode(hugeCount)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("exceeds");
    }

    // ---- §7 conversation index -------------------------------------------------------------------

    static ConversationIndex vectorIndex() {
        Conversation c = new Conversation(CONVERSATION_ID, ConversationKind.GROUP, "Family \uD83C\uDFE0", List.of("alice", "bob", "carol"));
        SegmentRef ref = new SegmentRef(ObjectId.parse(SEGMENT_ID), 202403, T0, T0 + 5_000, 3, unhex(SEGMENT).length);
        return new ConversationIndex(c, List.of(ref));
    }

    @Test
    void conversationIndexVector() {
        assertThat(hex(vectorIndex().encode())).isEqualTo(INDEX);
        ConversationIndex decoded = ConversationIndex.decode(unhex(INDEX));
        assertThat(decoded).isEqualTo(vectorIndex());
        assertThat(decoded.messageCount()).isEqualTo(3);
    }

    @Test
    void conversationIndexRejectsBadInput() {
        byte[] good = unhex(INDEX);
        assertRejectsEveryTruncation(good, ConversationIndex::decode);
        byte[] badKind = good.clone();
        badKind[9] = 4;
        assertThatThrownBy(() -> ConversationIndex.decode(badKind)).isInstanceOf(CorruptDataException.class);
        byte[] schema0 = good.clone();
        schema0[0] = 0;
        assertThatThrownBy(() -> ConversationIndex.decode(schema0)).isInstanceOf(CorruptDataException.class);
    }

    @Test
    void emptyConversationIndex() {
        ConversationIndex empty = new ConversationIndex(new Conversation("d", ConversationKind.DIRECT, null, null), List.of());
        assertThat(hex(empty.encode())).isEqualTo("01016401000000");
        assertThat(ConversationIndex.decode(empty.encode())).isEqualTo(empty);
    }

    // ---- §8 root manifest --------------------------------------------------------------------------

    @Test
    void rootManifestVector() {
        RootManifest m = new RootManifest(List.of(new RootManifest.Entry(CONVERSATION_ID, T0 + 65_000, 3, ObjectId.parse(INDEX_ID))));
        assertThat(hex(m.encode())).isEqualTo(MANIFEST);
        assertThat(unhex(MANIFEST)).hasSize(49);
        assertThat(RootManifest.decode(unhex(MANIFEST))).isEqualTo(m);
        assertThat(hex(new RootManifest(List.of()).encode())).isEqualTo("0100");
    }

    @Test
    void rootManifestRejectsBadInput() {
        byte[] good = unhex(MANIFEST);
        assertRejectsEveryTruncation(good, RootManifest::decode);
        assertThatThrownBy(() -> RootManifest.decode(Arrays.copyOf(good, good.length + 1))).isInstanceOf(CorruptDataException.class);
    }

    // ---- §9 months -----------------------------------------------------------------------------------

    @Test
    void monthsAreUtcYyyymm() {
        assertThat(Months.of(T0)).isEqualTo(202403);
        assertThat(Months.of(T0 - 1)).isEqualTo(202402);
        assertThat(Months.of(0)).isEqualTo(197001);
        assertThat(Months.of(-1)).isEqualTo(196912);
        assertThat(Months.start(202403)).isEqualTo(T0);
        assertThat(Months.start(197001)).isZero();
        assertThat(Months.of(Months.start(202412) - 1)).isEqualTo(202411);
        assertThat(Months.of(951_782_400_000L)).isEqualTo(200002); // 2000-02-29T00:00:00Z
    }

    /** Every proper prefix of {@code good}, down to no bytes at all, is refused as corrupt. */
    static void assertRejectsEveryTruncation(byte[] good, Consumer<byte[]> decode) {
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThatThrownBy(() -> decode.accept(cut)).as("length %d", n).isInstanceOf(CorruptDataException.class);
        }
    }
}
