package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.*;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/FORMAT.md §8 (root manifest schema 2: version and previous root) and §7.1 (conversation
 * index schema 3: deletions), checked against the values format_vectors.py computes on its own.
 */
class SyncVectorsTest {
    static final String MANIFEST2 = "020701" + MANIFEST_ID + "0107636861742d3432e883c2badf3103" + INDEX_ID;
    static final String MANIFEST2_ID = "b3021ffa49bf52bd4904d5c74f1275ec5902968f57bff4b0bc622d2f8b2c18b3";
    static final String MANIFEST2_FIRST = "02010000";
    static final String MANIFEST3 = "03" + MANIFEST2.substring(2) + "a3ad0c" + "8080afc7bf63";
    static final String MANIFEST3_ID = "f12eef437a188a53d9e3f9ded53c9575897e37828f6c8185ca787b4348f0ab96";
    static final String INDEX3 = "0307636861742d3432020b46616d696c7920f09f8fa00305616c69636503626f62056361726f6c01"
            + "b08e9906b0f7bc85e9a17ec4c783d3e651bb8fb988bb8a9dae60fc89da855923a3ad0c8088bebadf3188270374"
            + "00" + "a0affcf4be63" + "01d09ffcf4be63" + "01d08784f5be63026d33";
    static final String INDEX3_ID = "9219570d8c9e34e69b172f76fb04e1b635657576a80b3aaa759cdcba49433117";
    private static ObjectCodec codec;

    @BeforeAll
    static void keys() {
        codec = new ObjectCodec(MasterKey.of(MASTER_KEY.clone()).deriveVaultKeys(), new SecureRandom());
    }

    private static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    private static byte[] unhex(String s) { return HexFormat.of().parseHex(s); }

    @Test
    void rootManifestSchema2Vector() {
        RootManifest m = new RootManifest(7, ObjectId.parse(MANIFEST_ID),
                List.of(new RootManifest.Entry(CONVERSATION_ID, T0 + 65_000, 3, ObjectId.parse(INDEX_ID))));
        assertThat(hex(m.encode())).isEqualTo(MANIFEST2);
        assertThat(RootManifest.decode(unhex(MANIFEST2))).isEqualTo(m);
        assertThat(codec.idOf(ObjectKind.ROOT_MANIFEST, m.encode()).hex()).isEqualTo(MANIFEST2_ID);
        RootManifest first = new RootManifest(1, null, List.of());
        assertThat(hex(first.encode())).isEqualTo(MANIFEST2_FIRST);
        assertThat(RootManifest.decode(unhex(MANIFEST2_FIRST))).isEqualTo(first);
        // schema 1 still reads, as version 0 with no previous root
        assertThat(RootManifest.decode(unhex(MANIFEST)).version()).isZero();
    }

    @Test
    void rootManifestSchema2RejectsBadInput() {
        MediaVectorsTest.assertRejectsEveryTruncationAndTrailingByte(unhex(MANIFEST2), RootManifest::decode);
        assertThatThrownBy(() -> RootManifest.decode(unhex("02000000"))).hasMessageContaining("version 0");
        assertThatThrownBy(() -> RootManifest.decode(unhex("02010200"))).hasMessageContaining("neither 0 nor 1");
        assertThatThrownBy(() -> RootManifest.decode(unhex("0300"))).hasMessageContaining("schema 3");
    }

    @Test
    void rootManifestSchema3RecordsTheRetentionHorizon() {
        RetentionHorizon horizon = new RetentionHorizon(202403, T0 + 86_400_000L);
        RootManifest m = new RootManifest(7, ObjectId.parse(MANIFEST_ID),
                List.of(new RootManifest.Entry(CONVERSATION_ID, T0 + 65_000, 3, ObjectId.parse(INDEX_ID))), horizon);
        assertThat(hex(m.encode())).isEqualTo(MANIFEST3);
        assertThat(RootManifest.decode(unhex(MANIFEST3))).isEqualTo(m);
        assertThat(RootManifest.decode(unhex(MANIFEST3)).horizon()).isEqualTo(horizon);
        assertThat(codec.idOf(ObjectKind.ROOT_MANIFEST, m.encode()).hex()).isEqualTo(MANIFEST3_ID);
        // no horizon: the same root keeps its schema-2 bytes, and older roots read as "nothing expired"
        assertThat(hex(new RootManifest(m.version(), m.previous(), m.conversations(), RetentionHorizon.NONE).encode())).isEqualTo(MANIFEST2);
        assertThat(RootManifest.decode(unhex(MANIFEST2)).horizon()).isEqualTo(RetentionHorizon.NONE);
        assertThat(RootManifest.decode(unhex(MANIFEST)).horizon().isNone()).isTrue();
    }

    @Test
    void rootManifestSchema3RejectsBadInput() {
        MediaVectorsTest.assertRejectsEveryTruncationAndTrailingByte(unhex(MANIFEST3), RootManifest::decode);
        String withoutHorizon = MANIFEST3.substring(0, MANIFEST3.length() - "a3ad0c8080afc7bf63".length());
        // schema 3 with "no horizon" (0) would be a second encoding of the schema-2 root; 202413 is no month
        assertThatThrownBy(() -> RootManifest.decode(unhex(withoutHorizon + "00" + "00"))).hasMessageContaining("not a valid yyyymm");
        assertThatThrownBy(() -> RootManifest.decode(unhex(withoutHorizon + "ad ad 0c".replace(" ", "") + "00")))
                .hasMessageContaining("not a valid yyyymm");
        assertThatThrownBy(() -> new RootManifest(0, null, List.of(), new RetentionHorizon(202403, T0))).hasMessageContaining("version 0");
    }

    @Test
    void retentionHorizonOnlyMovesUp() {
        RetentionHorizon h = RetentionHorizon.NONE.advancedTo(202403, 10);
        assertThat(h).isEqualTo(new RetentionHorizon(202403, 10));
        assertThat(h.advancedTo(202403, 20)).as("the same month keeps when it was first learnt").isSameAs(h);
        assertThat(h.advancedTo(0, 30)).as("a plan that keeps more again does not bring deleted months back").isSameAs(h);
        assertThat(h.advancedTo(202405, 40)).isEqualTo(new RetentionHorizon(202405, 40));
        assertThat(h.merge(new RetentionHorizon(202403, 5))).isEqualTo(new RetentionHorizon(202403, 5));
        assertThat(h.merge(RetentionHorizon.NONE)).isSameAs(h);
        assertThat(h.expired(202402)).isTrue();
        assertThat(h.expired(202403)).isFalse();
        assertThat(h.expired(0)).as("structure objects never expire").isFalse();
        assertThat(h.expiredAt(T0 - 1)).isTrue();
        assertThat(h.expiredAt(T0)).isFalse();
        assertThat(RetentionHorizon.NONE.expiredAt(Long.MIN_VALUE)).isFalse();
    }

    @Test
    void conversationIndexSchema3Vector() {
        ConversationIndex i = EncodingVectorsTest.vectorIndex();
        Tombstones t = new Tombstones(T0 + 1000, List.of(new Tombstones.Deleted(T0 + 65_000, "m3")));
        ConversationIndex i3 = new ConversationIndex(i.conversation(), i.segments(), List.of(), T0 + 2000, t);
        assertThat(hex(i3.encode())).isEqualTo(INDEX3);
        assertThat(ConversationIndex.decode(unhex(INDEX3))).isEqualTo(i3);
        assertThat(codec.idOf(ObjectKind.CONVERSATION_INDEX, i3.encode()).hex()).isEqualTo(INDEX3_ID);
        // without deletions or a change time the same index keeps its schema-1 bytes
        assertThat(new ConversationIndex(i.conversation(), i.segments(), List.of(), 0, Tombstones.NONE).encode()).isEqualTo(i.encode());
        // a change time alone is schema 3 too
        ConversationIndex renamed = new ConversationIndex(i.conversation(), i.segments(), List.of(), T0, Tombstones.NONE);
        assertThat(renamed.encode()[0]).isEqualTo((byte) 3);
        assertThat(ConversationIndex.decode(renamed.encode())).isEqualTo(renamed);
    }

    @Test
    void conversationIndexSchema3RejectsBadInput() {
        MediaVectorsTest.assertRejectsEveryTruncationAndTrailingByte(unhex(INDEX3), ConversationIndex::decode);
        String body = INDEX3.substring(0, INDEX3.length() - "a0affcf4be6301d09ffcf4be6301d08784f5be63026d33".length());
        assertThatThrownBy(() -> ConversationIndex.decode(unhex(body + "00" + "0000"))).hasMessageContaining("neither a metadata change time nor tombstones");
        String timed = body + "a0affcf4be63";
        assertThatThrownBy(() -> ConversationIndex.decode(unhex(timed + "0200"))).hasMessageContaining("neither 0 nor 1");
        // a listed message before the horizon, and two out of order
        assertThatThrownBy(() -> ConversationIndex.decode(unhex(timed + "01d09ffcf4be6301" + "00" + "026d33"))).hasMessageContaining("before the horizon");
        assertThatThrownBy(() -> ConversationIndex.decode(unhex(timed + "0002d08784f5be63026d33d08784f5be63026d32")))
                .hasMessageContaining("sorted and unique");
    }

    @Test
    void tombstonesMergeAsAUnionAndCoverWhatTheySay() {
        Tombstones a = new Tombstones(100, List.of(new Tombstones.Deleted(200, "x")));
        Tombstones b = new Tombstones(150, List.of(new Tombstones.Deleted(120, "y"), new Tombstones.Deleted(300, "z")));
        Tombstones ab = a.merge(b);
        assertThat(ab).isEqualTo(b.merge(a));
        assertThat(ab.clearedBefore()).isEqualTo(150);
        assertThat(ab.messages()).extracting(Tombstones.Deleted::id).containsExactly("x", "z"); // y lies under the horizon
        assertThat(ab.covers(149, "any")).isTrue();
        assertThat(ab.covers(300, "z")).isTrue();
        assertThat(ab.covers(300, "w")).isFalse();
        assertThat(Tombstones.NONE.covers(Long.MIN_VALUE + 1, "a")).isFalse();
    }

    @Test
    void conversationMetadataMergesByChangeTimeThenEncoding() {
        var a = new org.chatvault.core.model.Conversation("c", org.chatvault.core.model.ConversationKind.GROUP, "Family", List.of("a", "b"));
        var b = new org.chatvault.core.model.Conversation("c", org.chatvault.core.model.ConversationKind.GROUP, "Family 2026", List.of("a", "b"));
        assertThat(MergeRules.winner(a, 10, b, 20)).isEqualTo(MergeRules.Winner.VAULT);
        assertThat(MergeRules.winner(a, 30, b, 20)).isEqualTo(MergeRules.Winner.LOCAL);
        assertThat(MergeRules.winner(a, 20, b, 20)).isEqualTo(MergeRules.Winner.VAULT); // "Family 2026" sorts after "Family"
        assertThat(MergeRules.winner(b, 20, a, 20)).isEqualTo(MergeRules.Winner.LOCAL);
        assertThat(MergeRules.winner(a, 5, a, 5)).isEqualTo(MergeRules.Winner.SAME);
    }

    @Test
    void mergeRulesPickTheLaterEditThenTheGreaterEncoding() {
        Message plain = Message.text("c", "m", 10, "ann", "hello");
        Message edited = new Message("c", "m", 10, "ann", org.chatvault.core.model.MessageType.TEXT, "hello!", List.of(), null, null, 20L, false);
        Message editedOther = new Message("c", "m", 10, "ann", org.chatvault.core.model.MessageType.TEXT, "hallo", List.of(), null, null, 20L, false);
        assertThat(MergeRules.winner(plain, edited)).isEqualTo(MergeRules.Winner.VAULT);
        assertThat(MergeRules.winner(edited, plain)).isEqualTo(MergeRules.Winner.LOCAL);
        assertThat(MergeRules.winner(edited, edited)).isEqualTo(MergeRules.Winner.SAME);
        // same edit time: the same copy wins whichever side it is on
        assertThat(MergeRules.merge(edited, editedOther)).isEqualTo(MergeRules.merge(editedOther, edited));
        assertThat(MergeRules.merge(edited, editedOther).text()).isEqualTo("hello!"); // "hello!" > "hallo" byte-wise
        assertThatThrownBy(() -> MergeRules.winner(plain, Message.text("c", "other", 10, "ann", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
