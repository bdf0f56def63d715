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
}
