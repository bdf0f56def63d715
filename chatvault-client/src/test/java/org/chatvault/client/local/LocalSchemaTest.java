package org.chatvault.client.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrading a LocalStore written by an older Chatvault. */
class LocalSchemaTest {
    @TempDir Path dir;

    private static List<String> ids(LocalStore store, String q) {
        return store.search(SearchQuery.of(q, 300)).stream().map(h -> h.message().id()).toList();
    }

    /** Turns a current store into what schema 4 wrote: the index with positions (detail=full), filled, and no backlog. */
    private static void downgradeToVersion4(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE message_fts");
            s.executeUpdate("CREATE VIRTUAL TABLE message_fts USING fts5(text, content='', contentless_delete=1, tokenize='trigram')");
            s.executeUpdate("INSERT INTO message_fts(rowid, text) SELECT fts_rowid, text FROM messages WHERE text <> ''");
            s.executeUpdate("DELETE FROM search_backlog");
            s.executeUpdate("PRAGMA user_version = 4");
        }
    }

    private static String ftsDefinition(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'message_fts'")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    @Test
    void aVersion4StoreGetsTheIndexWithoutPositionsRebuiltFromItsMessagesAndSearchesStayComplete() throws Exception {
        Path file = dir.resolve("v4.db");
        try (LocalStore store = LocalStore.open(file)) {
            store.putConversation(new Conversation("fam", ConversationKind.GROUP, "家人", List.of("mum", "dad")));
            List<Message> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) batch.add(Message.text("fam", "m" + i, 1_000L + i, "mum", i % 3 == 0 ? "周末去爬山 " + i : "picnic on Friday " + i));
            batch.add(Message.text("fam", "empty", 5_000L, "dad", ""));
            store.addMessages(batch);
            assertThat(store.deleteMessage("fam", 1_000L, "m0")).isTrue();
        }
        downgradeToVersion4(file);
        assertThat(ftsDefinition(file)).doesNotContain("detail=none");

        try (LocalStore store = LocalStore.open(file)) {
            assertThat(ftsDefinition(file)).contains("detail=none");
            assertThat(store.pendingSearchIndex()).as("every row from the first to the last waits for the new index").isEqualTo(300);
            List<String> chinese = ids(store, "周末去爬"), english = ids(store, "PICNIC on fri");
            assertThat(chinese).contains("m3", "m297").doesNotContain("m0", "m1");
            assertThat(english).contains("m1", "m299").doesNotContain("m3");
            store.buildSearchIndex(n -> {});
            assertThat(store.pendingSearchIndex()).isZero();
            assertThat(ids(store, "周末去爬")).isEqualTo(chinese);
            assertThat(ids(store, "PICNIC on fri")).isEqualTo(english);
            assertThat(store.search(SearchQuery.of("周末去爬", 200))).hasSize(99);
        }
        try (LocalStore reopened = LocalStore.open(file)) {
            assertThat(reopened.pendingSearchIndex()).as("upgraded once").isZero();
        }
    }

    @Test
    void anEmptyVersion4StoreUpgradesWithNothingToIndex() throws Exception {
        Path file = dir.resolve("empty.db");
        LocalStore.open(file).close();
        downgradeToVersion4(file);
        try (LocalStore store = LocalStore.open(file)) {
            assertThat(store.pendingSearchIndex()).isZero();
            assertThat(store.search("anything", 10)).isEmpty();
        }
    }
}
