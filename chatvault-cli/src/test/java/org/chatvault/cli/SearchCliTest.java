package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'chatvault search' on a LocalStore alone: filters, context, marks, times in a zone, refusals. */
class SearchCliTest extends ConsoleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    @TempDir Path dir;
    String db;

    private static long at(String localTime) { return LocalDateTime.parse(localTime).atZone(SHANGHAI).toInstant().toEpochMilli(); }

    @BeforeEach
    void store() {
        db = dir.resolve("local.db").toString();
        try (LocalStore s = LocalStore.open(Path.of(db))) {
            s.putConversation(new Conversation("wechat-fam", ConversationKind.GROUP, "家人群", List.of("妈妈", "爸爸", "me")));
            s.putConversation(new Conversation("telegram-42", ConversationKind.DIRECT, "Bo Chen", List.of("Bo", "me")));
            s.addMessages(List.of(
                    Message.text("wechat-fam", "1", at("2025-01-31T23:30:00"), "妈妈", "这个周末回家吃饭吗"),
                    Message.text("wechat-fam", "2", at("2025-02-01T08:00:00"), "me", "回的，周末见"),
                    Message.text("wechat-fam", "3", at("2025-02-01T09:00:00"), "爸爸", "好"),
                    Message.text("telegram-42", "10", at("2025-01-15T12:00:00"), "Bo", "Dinner on the weekend?"),
                    Message.text("telegram-42", "11", at("2025-03-02T12:00:00"), "me", "Weekend dinner works")));
        }
    }

    private int search(String... args) {
        out.reset();
        err.reset();
        String[] all = new String[args.length + 3];
        all[0] = "search";
        all[1] = "--db";
        all[2] = db;
        System.arraycopy(args, 0, all, 3, args.length);
        return Main.run(all);
    }

    @Test
    void hitsComeNewestFirstWithTheFoundTextMarkedAndTimesInTheZone() {
        assertThat(search("weekend", "--zone", "Asia/Shanghai")).as(stderr()).isZero();
        assertThat(stdout()).containsSubsequence("2025-03-02 12:00  me: »Weekend« dinner works  [Bo Chen]",
                "2025-01-15 12:00  Bo: Dinner on the »weekend«?  [Bo Chen]", "2 hit(s)");
        assertThat(search("weekend", "--zone", "UTC")).isZero();
        assertThat(stdout()).contains("2025-03-02 04:00  me: »Weekend« dinner works");
    }

    @Test
    void twoChineseCharactersWithContextAtTheConversationsEnds() {
        assertThat(search("周末", "--context", "1", "--zone", "Asia/Shanghai")).as(stderr()).isZero();
        assertThat(stdout()).containsSubsequence("[家人群]",
                "    2025-01-31 23:30  妈妈: 这个周末回家吃饭吗", "  > 2025-02-01 08:00  me: 回的，»周末«见", "    2025-02-01 09:00  爸爸: 好",
                "--", "[家人群]", "  > 2025-01-31 23:30  妈妈: 这个»周末«回家吃饭吗", "    2025-02-01 08:00  me: 回的，周末见", "2 hit(s)");
    }

    @Test
    void eachFilterNarrowsTheHits() {
        assertThat(search("周末", "--conversation", "家人", "--sender", "妈妈")).as(stderr()).isZero();
        assertThat(stdout()).contains("这个»周末«回家吃饭吗").doesNotContain("回的").contains("1 hit(s)");
        // Days and months are read in the zone: 23:30 on 31 January in Shanghai is in January there.
        assertThat(search("周末", "--since", "2025-02", "--zone", "Asia/Shanghai")).isZero();
        assertThat(stdout()).contains("回的，»周末«见").doesNotContain("回家吃饭").contains("1 hit(s)");
        assertThat(search("周末", "--until", "2025-01-31", "--zone", "Asia/Shanghai")).isZero();
        assertThat(stdout()).contains("回家吃饭").doesNotContain("回的").contains("1 hit(s)");
        assertThat(search("周末", "--until", "2025-01-31", "--zone", "UTC")).isZero();
        assertThat(stdout()).as("15:30 UTC on the 31st").contains("1 hit(s)");
        assertThat(search("dinner", "--conversation", "telegram-42", "--since", "2025-02-01", "--until", "2025-03")).isZero();
        assertThat(stdout()).contains("»dinner« works").doesNotContain("Dinner on").contains("1 hit(s)");
        assertThat(search("dinner", "--limit", "1")).isZero();
        assertThat(stdout()).contains("»dinner« works").contains("1 hit(s) (the newest 1; --limit shows more)");
    }

    @Test
    void noHitSaysWhatWasSearched() {
        assertThat(search("holiday", "--conversation", "Bo", "--sender", "Bo")).isZero();
        assertThat(stdout()).contains("No message contains 'holiday' in Bo from Bo.");
    }

    @Test
    void badInputIsRefusedInWords() {
        assertThat(search("周末", "--since", "2025-13")).isEqualTo(1);
        assertThat(stderr()).contains("--since '2025-13' is not a date: write YYYY-MM-DD or YYYY-MM").doesNotContain("Exception");
        assertThat(search("周末", "--until", "yesterday")).isEqualTo(1);
        assertThat(stderr()).contains("--until 'yesterday' is not a date");
        assertThat(search("周末", "--since", "2025-03", "--until", "2025-02")).isEqualTo(1);
        assertThat(stderr()).contains("--since 2025-03 is after --until 2025-02");
        assertThat(search("周末", "--zone", "Mars/Base")).isEqualTo(1);
        assertThat(stderr()).contains("'Mars/Base' is not a time zone");
        assertThat(search("周末", "--conversation", "nobody")).isEqualTo(1);
        assertThat(stderr()).contains("no conversation is called or has the id 'nobody'");
        assertThat(search("周末", "--context", "-1")).isEqualTo(1);
        assertThat(stderr()).contains("--context must be 0 to 50");
        assertThat(search("周末", "--limit", "x")).isEqualTo(2);
        assertThat(stderr()).contains("--limit");
    }
}
