package org.chatvault.client.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search with filters and context, over indexed rows and rows still waiting for the index. */
class SearchIndexTest {
    @TempDir Path dir;
    LocalStore store;

    @BeforeEach
    void fill() {
        store = LocalStore.open(dir.resolve("s.db"));
        store.putConversation(new Conversation("fam", ConversationKind.GROUP, "家人", List.of("mum", "dad", "me")));
        store.putConversation(new Conversation("work", ConversationKind.GROUP, "Work", List.of("boss", "me")));
        store.addMessages(List.of(
                Message.text("fam", "f1", 1_000, "mum", "周末去爬山吧"),
                Message.text("fam", "f2", 2_000, "dad", "好的, Picnic too"),
                Message.text("fam", "f3", 3_000, "Mum", "带上 picnic 的东西"),
                Message.text("fam", "f4", 4_000, "me", "ok"),
                Message.text("work", "w1", 1_500, "boss", "Picnic on Friday for the team"),
                Message.text("work", "w2", 2_500, "me", "great")));
    }

    private List<String> ids(SearchQuery q) { return store.search(q).stream().map(h -> h.message().id()).toList(); }

    private static SearchQuery q(String text, List<String> convs, String sender, long since, long until, int context) {
        return new SearchQuery(text, convs, sender, since, until, context, 20);
    }

    @Test
    void withoutFiltersEveryMatchComesNewestFirstWhateverTheCase() {
        assertThat(ids(SearchQuery.of("picnic", 20))).containsExactly("f3", "f2", "w1");
        assertThat(ids(SearchQuery.of("PICNIC", 2))).as("the limit keeps the newest").containsExactly("f3", "f2");
    }

    @Test
    void eachFilterNarrowsInTheQuery() {
        long all = Long.MIN_VALUE, none = Long.MAX_VALUE;
        assertThat(ids(q("picnic", List.of("work"), null, all, none, 0))).containsExactly("w1");
        assertThat(ids(q("picnic", List.of("fam", "work"), null, all, none, 0))).containsExactly("f3", "f2", "w1");
        assertThat(ids(q("picnic", List.of(), "mum", all, none, 0))).as("the whole name, case ignored").containsExactly("f3");
        assertThat(ids(q("picnic", List.of(), "mu", all, none, 0))).as("not a part of it").isEmpty();
        assertThat(ids(q("picnic", List.of(), null, 1_500, none, 0))).as("since is inclusive").containsExactly("f3", "f2", "w1");
        assertThat(ids(q("picnic", List.of(), null, 1_501, 3_000, 0))).as("until is exclusive").containsExactly("f2");
        assertThat(ids(q("picnic", List.of("fam"), "dad", 2_000, 2_001, 0))).containsExactly("f2");
        // The limit counts only what passes the filters: the newest hit overall is in another conversation.
        assertThat(store.search(new SearchQuery("picnic", List.of("work"), null, all, none, 0, 1))).extracting(h -> h.message().id())
                .containsExactly("w1");
        // A sender's newest match is found first even when written to the store after older ones and newer ones of others.
        store.addMessages(List.of(Message.text("fam", "f0", 500, "dad", "an old picnic"), Message.text("work", "w9", 9_000, "boss", "picnic!")));
        assertThat(store.search(new SearchQuery("picnic", List.of(), "Dad", all, none, 0, 1))).extracting(h -> h.message().id())
                .containsExactly("f2");
        assertThat(ids(q("picnic", List.of(), "dad", all, 1_000, 0))).containsExactly("f0");
        assertThat(ids(q("picnic", List.of(), "nobody", all, none, 0))).isEmpty();
    }

    @Test
    void shortChineseQueriesScanWithTheSameFilters() {
        assertThat(ids(SearchQuery.of("周末", 20))).containsExactly("f1");
        assertThat(ids(q("的", List.of("fam"), "mum", Long.MIN_VALUE, Long.MAX_VALUE, 0))).containsExactly("f3");
        assertThat(ids(q("的", List.of("work"), null, Long.MIN_VALUE, Long.MAX_VALUE, 0))).isEmpty();
        assertThat(ids(q("ok", List.of(), null, 3_500, Long.MAX_VALUE, 0))).containsExactly("f4");
    }

    @Test
    void contextIsTheNeighboursInTheSameConversationAndStopsAtItsEnds() {
        List<SearchHit> hits = store.search(q("picnic", List.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, 2));
        SearchHit newest = hits.getFirst();
        assertThat(newest.conversationTitle()).isEqualTo("家人");
        assertThat(newest.before()).extracting(Message::id).containsExactly("f1", "f2");
        assertThat(newest.after()).as("only one message after it").extracting(Message::id).containsExactly("f4");
        SearchHit work = hits.get(2);
        assertThat(work.before()).as("the first message of its conversation").isEmpty();
        assertThat(work.after()).extracting(Message::id).containsExactly("w2");
        assertThat(hits.get(1).before()).extracting(Message::id).containsExactly("f1");
    }

    @Test
    void contextMessagesComeWholeWithAttachmentsAndSameTimeNeighbours() {
        store.putConversation(new Conversation("pics", ConversationKind.DIRECT, "Pics", List.of()));
        Message photo = new Message("pics", "b", 10, "ann", MessageType.IMAGE, "", List.of(new Attachment("sha-1", "a.jpg", "image/jpeg", 5, null)),
                null, null, null, false);
        store.addMessages(List.of(Message.text("pics", "a", 10, "ann", "before, same millisecond"), photo,
                Message.text("pics", "c", 10, "ann", "the hit"), Message.text("pics", "d", 10, "ann", "after"),
                Message.text("pics", "e", 11, "ann", "later")));
        SearchHit hit = store.search(q("the hit", List.of("pics"), null, Long.MIN_VALUE, Long.MAX_VALUE, 5)).getFirst();
        assertThat(hit.before()).extracting(Message::id).containsExactly("a", "b");
        assertThat(hit.before().get(1)).isEqualTo(photo);
        assertThat(hit.after()).extracting(Message::id).containsExactly("d", "e");
    }

    @Test
    void rowsWaitingForTheIndexAreFoundWithFiltersToo() {
        List<Message> restored = new ArrayList<>();
        for (int i = 0; i < 50; i++) restored.add(Message.text("work", "r" + i, 10_000 + i, i % 2 == 0 ? "boss" : "me", "restored picnic note " + i));
        store.addRestoredMessages(restored, false);
        assertThat(store.pendingSearchIndex()).isEqualTo(50);
        assertThat(ids(q("picnic", List.of("work"), "me", 10_040, Long.MAX_VALUE, 0))).containsExactly("r49", "r47", "r45", "r43", "r41");
        assertThat(store.search(SearchQuery.of("picnic", 60))).hasSize(53);
        List<String> before = ids(q("Picnic Note", List.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, 0));
        store.buildSearchIndex(n -> {});
        assertThat(store.pendingSearchIndex()).isZero();
        assertThat(ids(q("Picnic Note", List.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, 0))).as("the same before and after indexing")
                .isEqualTo(before).hasSize(20);
    }

    @Test
    void theFoundTextIsMarkedWhereverItIsInAnyCase() {
        SearchQuery q = SearchQuery.of("picnic", 5);
        assertThat(q.mark("Picnic? picnic!", "»", "«")).isEqualTo("»Picnic«? »picnic«!");
        assertThat(SearchQuery.of("周末", 5).mark("这个周末和下个周末", "»", "«")).isEqualTo("这个»周末«和下个»周末«");
        assertThat(q.mark("nothing", "»", "«")).isEqualTo("nothing");
        assertThat(SearchQuery.of("week", 5).mark("Weekend? 2weeks, a week", "»", "«")).as("whole Latin words")
                .isEqualTo("»Weekend«? »2weeks«, a »week«");
        assertThat(SearchQuery.of("末去", 5).mark("周末去爬山", "»", "«")).isEqualTo("周»末去«爬山");
    }

    @Test
    void aQueryThatCannotMatchIsRefused() {
        assertThatThrownBy(() -> q("x", List.of(), null, 5, 5, 0)).hasMessageContaining("time range is empty");
        assertThatThrownBy(() -> q("x", List.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, -1)).hasMessageContaining("context must be 0 to 50");
    }

    @org.junit.jupiter.api.AfterEach
    void close() { store.close(); }

    /** More matches than are checked one by one: a sender who rarely or never wrote the word is still answered completely. */
    @Test
    void aCommonWordFromARareSenderIsFoundAmongMoreMatchesThanAreCheckedOneByOne() {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) batch.add(Message.text("work", "c" + i, 100_000L + i, "boss", "the usual report " + i));
        batch.add(Message.text("work", "rare-old", 50_000L, "intern", "the intern's first report"));
        batch.add(Message.text("work", "rare-mid", 110_000L, "Intern", "the intern again"));
        store.addMessages(batch);
        long all = Long.MIN_VALUE, none = Long.MAX_VALUE;
        assertThat(ids(q("report", List.of(), "intern", all, none, 0))).as("older than the newest 2,000 matches").containsExactly("rare-old");
        assertThat(ids(q("the ", List.of(), "intern", all, none, 0))).containsExactly("rare-mid", "rare-old");
        assertThat(ids(q("report", List.of(), "nobody", all, none, 0))).isEmpty();
        assertThat(ids(q("report", List.of(), "boss", all, none, 0))).hasSize(20).startsWith("c4999");
        assertThat(ids(q("report", List.of("work"), "intern", 0, 60_000, 0))).containsExactly("rare-old");
    }

    /** Found in review: rows still waiting for the index were found by the sender scan and again by the backlog scan. */
    @Test
    void importedRowsWaitingForTheIndexAreFoundOnceBySender() {
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) batch.add(Message.text("work", "c" + i, 100_000L + i, "boss", "the usual report " + i));
        store.addMessages(batch);
        store.importMessages(List.of(Message.text("work", "imp1", 50_000L, "intern", "an imported report"),
                Message.text("work", "imp2", 60_000L, "intern", "another imported report")));
        assertThat(store.pendingSearchIndex()).isEqualTo(2);
        assertThat(ids(q("report", List.of(), "intern", Long.MIN_VALUE, Long.MAX_VALUE, 0))).containsExactly("imp2", "imp1");
        store.buildSearchIndex(n -> {});
        assertThat(ids(q("report", List.of(), "intern", Long.MIN_VALUE, Long.MAX_VALUE, 0))).containsExactly("imp2", "imp1");
    }

    @Test
    void candidatesHoldingEveryTrigramButNotTheTextAreCheckedPastTheNewestOnes() {
        store.putConversation(new Conversation("big", ConversationKind.GROUP, "Big", List.of("a")));
        List<Message> rows = new ArrayList<>();
        // Three real matches, older than 2,100 rows that hold both trigrams of "xyzw" but not "xyzw":
        // the newest candidates the index gives are all wrong, so every candidate must be checked.
        for (int i = 1; i <= 3; i++) rows.add(Message.text("big", "t" + i, 10_000 + i, "a", "old XYZW number " + i));
        for (int i = 0; i < 2_100; i++) rows.add(Message.text("big", "d" + i, 100_000 + i, "a", "xyz and yzw apart " + i));
        store.addMessages(rows);
        assertThat(store.pendingSearchIndex()).as("indexed, not scanned from the backlog").isZero();
        assertThat(ids(SearchQuery.of("xyzw", 20))).containsExactly("t3", "t2", "t1");
        assertThat(ids(q("xyzw", List.of("big"), null, Long.MIN_VALUE, Long.MAX_VALUE, 0))).containsExactly("t3", "t2", "t1");
        assertThat(ids(q("xyzw", List.of(), null, 10_002, Long.MAX_VALUE, 0))).as("filters apply to the candidates").containsExactly("t3", "t2");

        // Newer real matches fill the limit from the newest candidates alone, newest first.
        List<Message> newer = new ArrayList<>();
        for (int i = 0; i < 25; i++) newer.add(Message.text("big", "n" + i, 200_000 + i, "a", "new xyzw " + i));
        store.addMessages(newer);
        assertThat(ids(SearchQuery.of("XYZW", 20))).hasSize(20).startsWith("n24", "n23").endsWith("n5");
        assertThat(ids(SearchQuery.of("xyzw", 30))).as("past the newer ones, the old ones again")
                .hasSize(28).startsWith("n24").endsWith("t3", "t2", "t1");
    }
}
