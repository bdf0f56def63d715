package org.chatvault.client.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
    @TempDir Path dir;

    private static Message msg(String conv, String id, long at, String text) { return Message.text(conv, id, at, "ann", text); }

    @Test
    void messagesComeBackWholeInTimeOrderWithAttachments() {
        try (LocalStore s = LocalStore.open(dir.resolve("a.db"))) {
            s.putConversation(new Conversation("c", ConversationKind.DIRECT, "Ann", List.of("ann", "me")));
            Message photo = new Message("c", "p", 20, "me", MessageType.IMAGE, "look", List.of(
                    new Attachment("sha-1", "a.jpg", "image/jpeg", 12345, "thumb-1"),
                    new Attachment("sha-2", "b.jpg", "image/jpeg", 999, null)), "m1", null, 25L, false);
            s.addMessages(List.of(msg("c", "m2", 30, "third"), photo, msg("c", "m1", 10, "first")));
            List<Message> all = s.lastMessages("c", 10);
            assertThat(all).extracting(Message::id).containsExactly("m1", "p", "m2");
            assertThat(all.get(1)).isEqualTo(photo);
            assertThat(s.lastMessages("c", 2)).extracting(Message::id).containsExactly("p", "m2");
        }
    }

    @Test
    void searchFindsChineseAndEnglishSubstrings() {
        try (LocalStore s = LocalStore.open(dir.resolve("a.db"))) {
            s.putConversation(new Conversation("c", ConversationKind.GROUP, "家人", List.of()));
            s.addMessages(List.of(msg("c", "1", 1, "我们周末去爬山吧"), msg("c", "2", 2, "Meeting moved to Thursday"),
                    msg("c", "3", 3, "周末愉快")));
            assertThat(s.search("周末", 10)).extracting(h -> h.message().id()).containsExactly("3", "1");
            assertThat(s.search("去爬山", 10)).extracting(h -> h.message().id()).containsExactly("1");
            assertThat(s.search("thursday", 10)).extracting(h -> h.message().id()).containsExactly("2");
            assertThat(s.search("nothing here", 10)).isEmpty();
        }
    }

    @Test
    void replacingAMessageKeepsSearchInStep() {
        try (LocalStore s = LocalStore.open(dir.resolve("a.db"))) {
            s.putConversation(new Conversation("c", ConversationKind.DIRECT, "x", List.of()));
            s.addMessages(List.of(msg("c", "1", 1, "original words")));
            s.addMessages(List.of(msg("c", "1", 1, "edited phrase")));
            assertThat(s.search("original", 10)).isEmpty();
            assertThat(s.search("edited", 10)).hasSize(1);
            assertThat(s.messageCount()).isEqualTo(1);
            assertThat(s.deleteMessage("c", 1, "1")).isTrue();
            assertThat(s.search("edited", 10)).isEmpty();
        }
    }

    @Test
    void changesMarkConversationsDirtyFromTheEarliestTouchedTime() {
        try (LocalStore s = LocalStore.open(dir.resolve("a.db"))) {
            s.putConversation(new Conversation("c", ConversationKind.DIRECT, "x", List.of()));
            s.addMessages(List.of(msg("c", "1", 500, "a"), msg("c", "2", 100, "b")));
            assertThat(s.dirtyConversations()).singleElement().extracting(DirtyConversation::dirtySince).isEqualTo(100L);
            assertThatThrownBy(() -> s.addMessages(List.of(msg("nope", "1", 1, "x"))))
                    .isInstanceOf(LocalStoreException.class).hasMessageContaining("unknown conversation nope");
            assertThat(s.messageCount()).as("the failed batch was rolled back").isEqualTo(2);
        }
    }

    @Test
    void reopeningKeepsEverything() {
        try (LocalStore s = LocalStore.open(dir.resolve("a.db"))) {
            s.putConversation(new Conversation("c", ConversationKind.CHANNEL, "news", List.of()));
            s.addMessages(List.of(msg("c", "1", 1, "kept")));
        }
        try (LocalStore s = LocalStore.open(dir.resolve("a.db"))) {
            assertThat(s.messageCount()).isEqualTo(1);
            s.addMessages(List.of(msg("c", "2", 2, "more")));
            assertThat(s.search("more", 5)).hasSize(1);
        }
    }

    /** Clears the change marks as a committed backup does. */
    private static void backedUp(LocalStore s) {
        List<SyncState.ConversationState> done = new java.util.ArrayList<>();
        org.chatvault.core.format.ObjectId id = org.chatvault.core.format.ObjectId.of(new byte[32]);
        for (DirtyConversation d : s.dirtyConversations())
            done.add(new SyncState.ConversationState(new SyncState.BackedUpConversation(d.conversationId(), id, 0, 0), List.of(), List.of(), d.changeSeq()));
        s.syncState().recordSnapshot(new SyncState.Head(1, id), done, List.of());
        assertThat(s.dirtyConversations()).isEmpty();
    }

    private static Message edited(Message m, String text, long at) {
        return new Message(m.conversationId(), m.id(), m.sentAt(), m.sender(), m.type(), text, m.attachments(), null, null, at, false);
    }

    @Test
    void aMergeFromTheVaultKeepsTheLaterEditAndMarksWhereThisCopyWon() {
        try (LocalStore s = LocalStore.open(dir.resolve("m.db"))) {
            s.putConversation(new Conversation("c", ConversationKind.DIRECT, "C", List.of("a", "b")));
            Message original = Message.text("c", "m1", 1_000, "a", "first draft");
            s.addMessages(List.of(original, Message.text("c", "m2", 2_000, "a", "untouched")));
            // the vault has a later edit of m1: it replaces this copy, unmarked, searchable at once
            assertThat(s.addRestoredMessages(List.of(edited(original, "vault edit", 5_000)), false)).isEqualTo(1);
            assertThat(s.search("vault edit", 10)).hasSize(1);
            assertThat(s.search("first draft", 10)).isEmpty();
            // an older copy from the vault loses, and this store's copy is marked to go up
            s.addMessages(List.of(edited(original, "local edit", 9_000)));
            backedUp(s);
            assertThat(s.addRestoredMessages(List.of(edited(original, "stale", 6_000)), true)).isZero();
            assertThat(s.lastMessages("c", 10)).extracting(Message::text).containsExactly("local edit", "untouched");
            assertThat(s.dirtyConversations()).singleElement().extracting(DirtyConversation::dirtySince).isEqualTo(1_000L);
            // the same copy again changes nothing
            assertThat(s.addRestoredMessages(List.of(Message.text("c", "m2", 2_000, "a", "untouched")), true)).isZero();
        }
    }

    @Test
    void deletionsRemoveMessagesAndKeepThemOut() {
        try (LocalStore s = LocalStore.open(dir.resolve("d.db"))) {
            s.putConversation(new Conversation("c", ConversationKind.DIRECT, "C", List.of("a", "b")));
            s.addMessages(List.of(Message.text("c", "m1", 1_000, "a", "old"), Message.text("c", "m2", 2_000, "a", "secret"),
                    Message.text("c", "m3", 3_000, "a", "kept")));
            assertThat(s.deleteMessage("c", 2_000, "m2")).isTrue();
            assertThat(s.search("secret", 10)).isEmpty();
            assertThat(s.clearHistory("c", 1_500)).isEqualTo(1);
            assertThat(s.tombstones("c").clearedBefore()).isEqualTo(1_500);
            assertThat(s.tombstones("c").covers(2_000, "m2")).isTrue();
            // neither the vault nor the app brings them back; a later message is welcome
            s.addRestoredMessages(List.of(Message.text("c", "m2", 2_000, "a", "secret"), Message.text("c", "m0", 500, "a", "older")), true);
            s.addMessages(List.of(Message.text("c", "m1", 1_000, "a", "old"), Message.text("c", "m4", 4_000, "a", "new")));
            assertThat(s.lastMessages("c", 10)).extracting(Message::id).containsExactly("m3", "m4");
            // deletions from the vault take effect here
            s.applyTombstones("c", new org.chatvault.core.format.Tombstones(Long.MIN_VALUE,
                    List.of(new org.chatvault.core.format.Tombstones.Deleted(4_000, "m4"))));
            assertThat(s.lastMessages("c", 10)).extracting(Message::id).containsExactly("m3");
        }
    }

    /** Found by ImportFuzzTest: an export that repeats a message made the attachments' rows collide. */
    @Test void aBatchHoldingOneMessageTwiceWritesItOnceAsTheWinningCopy() {
        Attachment photo = new Attachment("c0ffee00", "a.jpg", "image/jpeg", 10, null);
        Attachment other = new Attachment("c0ffee01", "b.jpg", "image/jpeg", 20, null);
        Message first = new Message("c", "m1", 1_000L, "Ann", MessageType.IMAGE, "v1", List.of(photo), null, null, null, false);
        Message edited = new Message("c", "m1", 1_000L, "Ann", MessageType.IMAGE, "v2", List.of(photo, other), null, null, 5_000L, false);
        int n = 0;
        for (java.util.function.BiConsumer<LocalStore, List<Message>> write : List.<java.util.function.BiConsumer<LocalStore, List<Message>>>of(
                (s, b) -> s.importMessages(b), (s, b) -> s.addRestoredMessages(b, true), (s, b) -> s.addMessages(b))) {
            try (LocalStore s = LocalStore.open(dir.resolve("dup" + n++ + ".db"))) {
                s.putConversation(new Conversation("c", ConversationKind.DIRECT, "Ann", List.of("Ann")));
                write.accept(s, List.of(edited, Message.text("c", "m2", 2_000L, "Ann", "between"), first));
                List<Message> held = s.lastMessages("c", 10);
                assertThat(held).hasSize(2);
                // importer and vault: the merge rule (the later edit) wins; the app: its last word (the batch's order)
                assertThat(held.getFirst()).isEqualTo(n == 3 ? first : edited);
                assertThat(s.search("between", 5)).hasSize(1);
            }
        }
    }
}
