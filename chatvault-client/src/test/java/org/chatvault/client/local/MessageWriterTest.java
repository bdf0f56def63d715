package org.chatvault.client.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore's write path: rows with and without reply, forward, edit or burn flag, batches in key order, conflicts. */
class MessageWriterTest {
    @TempDir Path dir;

    private static final String LONG_TEXT = "长".repeat(40_000) + " \"quoted\" \\ back\\slash 'single' 😀🇨🇳 line\nbreak\ttab";

    /** Every shape of row the two insert statements cover, with awkward texts. */
    private static List<Message> mixed(String conv) {
        Attachment photo = new Attachment("cafe01", "照片 \"1\".jpg", "image/jpeg", 12_345, "thumb-1");
        Attachment doc = new Attachment("cafe02", "a'b.pdf", "application/pdf", 0, null);
        List<Message> out = new ArrayList<>();
        out.add(Message.text(conv, "m01", 1_000, "Ann", "plain"));
        out.add(new Message(conv, "m02", 2_000, "李雷", MessageType.IMAGE, null, List.of(photo, doc), null, null, null, false));
        out.add(new Message(conv, "m03", 3_000, "Ann", MessageType.TEXT, "我们周末去爬山吧 😀", List.of(), "m01", null, null, false));
        out.add(new Message(conv, "m04", 4_000, "Bob", MessageType.TEXT, "\"quoted\", back\\slash, {\"json\":[1,2]}", List.of(), null, "News 频道", null, false));
        out.add(new Message(conv, "m05", 5_000, "Bob", MessageType.TEXT, "edited", List.of(), null, null, 5_500L, false));
        out.add(new Message(conv, "m06", 6_000, "Bob", MessageType.TEXT, "burn after reading", List.of(), null, null, null, true));
        out.add(new Message(conv, "m07", 7_000, "Ann", MessageType.TEXT, LONG_TEXT, List.of(), null, null, null, false));
        out.add(new Message(conv, "m08", 7_000, "Ann", MessageType.STICKER, "", List.of(doc), null, null, null, false));
        out.add(new Message(conv, "m09", 9_000, "Ann", MessageType.SYSTEM, null, List.of(), null, null, null, false));
        out.add(new Message(conv, "m10", 10_000, "Ann", MessageType.TEXT, "all of it", List.of(photo), "m03", "Carol", 11_000L, true));
        return out;
    }

    private static LocalStore open(Path file, String... conversations) {
        LocalStore s = LocalStore.open(file);
        for (String c : conversations) s.putConversation(new Conversation(c, ConversationKind.GROUP, "群 " + c, List.of("Ann", "Bob")));
        return s;
    }

    @Test
    void restoredRowsOfEveryShapeReadBackAsWritten() {
        for (boolean searchableNow : new boolean[]{true, false}) {
            try (LocalStore s = open(dir.resolve("shapes-" + searchableNow + ".db"), "a", "b")) {
                List<Message> batch = new ArrayList<>(mixed("b"));
                batch.addAll(mixed("a"));
                batch.sort(SyncState.KEY_ORDER);
                ObjectId seg = ObjectId.of(new byte[32]);
                s.syncState().applyRestoredSegments(batch, List.of(seg), searchableNow);
                assertThat(s.syncState().restoredSegments()).containsExactly(seg);
                assertThat(s.lastMessages("a", 100)).containsExactlyElementsOf(mixed("a"));
                assertThat(s.lastMessages("b", 100)).containsExactlyElementsOf(mixed("b"));
                if (!searchableNow) s.buildSearchIndex(n -> {});
                assertThat(s.search("去爬山", 10)).extracting(h -> h.message().id()).containsExactlyInAnyOrder("m03", "m03");
                assertThat(s.search("back\\slash, {", 10)).extracting(h -> h.message().id()).containsExactlyInAnyOrder("m04", "m04");
                assertThat(s.search("'single' 😀", 10)).extracting(h -> h.message().conversationId()).containsExactlyInAnyOrder("a", "b");
            }
        }
    }

    @Test
    void aBatchMixingNewRowsWithRowsThisStoreHoldsIsMergedRowByRow() {
        try (LocalStore s = open(dir.resolve("conflicts.db"), "a")) {
            Message same = Message.text("a", "m01", 1_000, "Ann", "same on both sides");
            Message mineOlder = Message.text("a", "m02", 2_000, "Ann", "local first draft");
            Message mineNewer = new Message("a", "m03", 3_000, "Ann", MessageType.TEXT, "local late edit", List.of(), null, null, 9_000L, false);
            s.addMessages(List.of(same, mineOlder, mineNewer));
            List<Message> vault = new ArrayList<>(mixed("a").subList(3, 10)); // m04..m10: new here
            vault.add(same);
            Message vaultEdit = new Message("a", "m02", 2_000, "Ann", MessageType.TEXT, "vault edit", List.of(), "m01", null, 5_000L, false);
            vault.add(vaultEdit);
            vault.add(new Message("a", "m03", 3_000, "Ann", MessageType.TEXT, "vault stale edit", List.of(), null, null, 4_000L, false));
            vault.sort(SyncState.KEY_ORDER);
            // the seven new rows and the vault's winning edit of m02
            assertThat(s.addRestoredMessages(vault, false)).isEqualTo(8);
            List<Message> expected = new ArrayList<>(List.of(same, vaultEdit, mineNewer));
            expected.addAll(mixed("a").subList(3, 10));
            expected.sort(SyncState.KEY_ORDER);
            assertThat(s.lastMessages("a", 100)).containsExactlyElementsOf(expected);
            s.buildSearchIndex(n -> {});
            assertThat(s.search("vault edit", 10)).extracting(h -> h.message().id()).containsExactly("m02");
            assertThat(s.search("local first", 10)).isEmpty();
            assertThat(s.search("stale", 10)).isEmpty();
            assertThat(s.search("burn after", 10)).extracting(h -> h.message().id()).containsExactly("m06");
        }
    }

    @Test
    void aSortedBatchHoldingOneMessageTwiceKeepsTheWinningCopy() {
        try (LocalStore s = open(dir.resolve("twice.db"), "a")) {
            Message first = new Message("a", "m1", 1_000, "Ann", MessageType.TEXT, "v1", List.of(), null, null, null, false);
            Message later = new Message("a", "m1", 1_000, "Ann", MessageType.TEXT, "v2", List.of(), null, null, 2_000L, false);
            List<Message> batch = new ArrayList<>(List.of(later, Message.text("a", "m0", 500, "Ann", "before"), first));
            batch.sort(SyncState.KEY_ORDER);
            assertThat(s.addRestoredMessages(batch, true)).isEqualTo(2);
            assertThat(s.lastMessages("a", 10)).extracting(Message::text).containsExactly("before", "v2");
        }
    }
}
