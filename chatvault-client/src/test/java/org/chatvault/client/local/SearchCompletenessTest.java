package org.chatvault.client.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index finds candidates only (it keeps no positions) and each is checked on its text: every
 * search must answer exactly what a scan of all the text answers, for Chinese, English, mixed text
 * and emoji, before, during and after an index build, and after edits and deletions.
 */
class SearchCompletenessTest {
    private static final String[] WORDS = {"周末", "去", "爬山", "吃饭了", "火锅", "好的", "明天见", "工作", "the", "spreadsheet",
        "plumber", "Picnic", "haha", "OK", "see you", "report", "🎉", "😀👍", "a\"quote", "ha", "末去爬", "Weekend", "7", "2026"};

    @TempDir Path dir;
    LocalStore store;
    final Map<String, Message> all = new LinkedHashMap<>();

    @AfterEach
    void close() { store.close(); }

    private static String sentence(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextBoolean()) b.append(' ');
            b.append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private Message message(Random r, String conv, int i) {
        return Message.text(conv, "m" + i, 1_000_000L + i * 7L, r.nextBoolean() ? "mum" : "Dad", sentence(r));
    }

    /** What a scan of every message answers: the text contains the query, ASCII case ignored, newest first. */
    private List<String> expected(String query, int limit) {
        String q = asciiLower(query);
        return all.values().stream().filter(m -> m.text() != null && asciiLower(m.text()).contains(q))
                .sorted(Comparator.comparingLong(Message::sentAt).thenComparing(Message::id).reversed())
                .limit(limit).map(Message::id).toList();
    }

    private static String asciiLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        return b.toString();
    }

    private List<String> found(String query, int limit) {
        return store.search(SearchQuery.of(query, limit)).stream().map(h -> h.message().id()).toList();
    }

    /** Substrings of real messages (3 to 9 code points, case flipped at random) and fixed hard cases. */
    private List<String> queries(Random r) {
        List<String> out = new ArrayList<>(List.of("吃饭了", "末去爬山", "周末去", "the spreadsheet", "PICNIC", "picnic haha",
                "🎉🎉", "😀👍", "a\"quote", "\"qu", "ha ha", "7 2026", "火锅 OK", "zzqqxxj", "haha😀", "see you 周末"));
        List<Message> msgs = new ArrayList<>(all.values());
        for (int i = 0; i < 20; i++) {
            int[] cps = msgs.get(r.nextInt(msgs.size())).text().codePoints().toArray();
            if (cps.length < 3) continue;
            int len = Math.min(cps.length, 3 + r.nextInt(7));
            int from = r.nextInt(cps.length - len + 1);
            StringBuilder q = new StringBuilder();
            for (int k = from; k < from + len; k++) {
                int cp = cps[k];
                q.appendCodePoint(cp < 128 && r.nextBoolean() ? (Character.isUpperCase(cp) ? Character.toLowerCase(cp) : Character.toUpperCase(cp)) : cp);
            }
            out.add(q.toString());
        }
        return out;
    }

    private void assertEveryQueryAnswersAsAScan(List<String> queries, String when) {
        for (String q : queries) {
            assertThat(found(q, 100)).as(when + ": '" + q + "'").isEqualTo(expected(q, 100));
            assertThat(found(q, 5)).as(when + ", the newest five: '" + q + "'").isEqualTo(expected(q, 5));
        }
    }

    @Test
    void indexedSearchAnswersExactlyAsAScanBeforeDuringAndAfterTheBuild() {
        store = LocalStore.open(dir.resolve("s.db"));
        store.putConversation(new Conversation("a", ConversationKind.GROUP, "A", List.of("mum", "Dad")));
        store.putConversation(new Conversation("b", ConversationKind.DIRECT, "B", List.of("mum", "Dad")));
        Random r = new Random(13);
        List<Message> live = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) live.add(message(r, "a", i));
        store.addMessages(live);
        List<Message> restored = new ArrayList<>();
        for (int i = 3_000; i < 28_000; i++) restored.add(message(r, i % 3 == 0 ? "a" : "b", i));
        store.addRestoredMessages(restored, false);
        live.forEach(m -> all.put(m.id(), m));
        restored.forEach(m -> all.put(m.id(), m));
        List<String> queries = queries(r);
        assertThat(store.pendingSearchIndex()).isEqualTo(25_000);
        assertEveryQueryAnswersAsAScan(queries, "before the build");

        // Stop the build after its first part: some restored rows indexed, the rest still waiting.
        try {
            store.buildSearchIndex(n -> { throw new IllegalStateException("stopped"); });
        } catch (IllegalStateException stopped) {
            assertThat(stopped).hasMessage("stopped");
        }
        assertThat(store.pendingSearchIndex()).isBetween(1L, 24_999L);
        assertEveryQueryAnswersAsAScan(queries, "during the build");

        store.buildSearchIndex(n -> {});
        assertThat(store.pendingSearchIndex()).isZero();
        assertEveryQueryAnswersAsAScan(queries, "after the build");

        // Edits replace a row's index entry and deletions remove it.
        List<Message> edits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Message old = all.get("m" + (i * 601));
            Message edited = new Message(old.conversationId(), old.id(), old.sentAt(), old.sender(), MessageType.TEXT,
                    "edited 编辑过 " + sentence(r), List.of(), null, null, old.sentAt() + 1, false);
            edits.add(edited);
            all.put(edited.id(), edited);
        }
        store.addMessages(edits);
        for (int i = 0; i < 40; i++) {
            Message gone = all.remove("m" + (i * 599 + 5));
            assertThat(store.deleteMessage(gone.conversationId(), gone.sentAt(), gone.id())).isTrue();
        }
        List<String> after = new ArrayList<>(queries);
        after.addAll(List.of("edited 编辑", "编辑过", "EDITED"));
        assertEveryQueryAnswersAsAScan(after, "after edits and deletions");
    }

    @Test
    void aRowHoldingEveryTrigramOfTheTextButNotTheTextItselfIsNoHit() {
        store = LocalStore.open(dir.resolve("s.db"));
        store.putConversation(new Conversation("a", ConversationKind.GROUP, "A", List.of("mum")));
        store.addMessages(List.of(Message.text("a", "zh", 1, "mum", "周末去周末"), Message.text("a", "en", 2, "mum", "abcab"),
                Message.text("a", "both", 3, "mum", "末去周末去 and bcabc")));
        assertThat(found("末去周末去", 10)).containsExactly("both");
        assertThat(found("BCABC", 10)).containsExactly("both");
        assertThat(found("周末去周", 10)).containsExactly("zh");
    }

    @Test
    void caseIsFoldedBeyondAsciiInIndexedRowsAsTheTrigramTokenizerFolds() {
        store = LocalStore.open(dir.resolve("s.db"));
        store.putConversation(new Conversation("a", ConversationKind.GROUP, "A", List.of("mum")));
        store.addMessages(List.of(Message.text("a", "ru", 1, "mum", "Привет, как дела?"), Message.text("a", "fr", 2, "mum", "À l'ÉCOLE demain")));
        assertThat(found("ПРИВЕТ", 10)).containsExactly("ru");
        assertThat(found("привет, как", 10)).containsExactly("ru");
        assertThat(found("l'école", 10)).containsExactly("fr");
        assertThat(found("ecole", 10)).as("diacritics are kept").isEmpty();
    }
}
