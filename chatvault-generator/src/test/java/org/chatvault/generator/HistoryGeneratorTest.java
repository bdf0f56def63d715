package org.chatvault.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The generator's contract: deterministic, exact counts, ordered and consistent conversations. */
class HistoryGeneratorTest {
    private static final Logger log = LoggerFactory.getLogger(HistoryGeneratorTest.class);
    static final long END = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Test
    void sameSeedGivesIdenticalOutputAndAnotherSeedDoesNot() {
        long seed = Seeds.next(log, "determinism");
        GeneratorOptions o = GeneratorOptions.of(seed, 300, 50_000, END);
        String first = digest(o);
        assertThat(digest(o)).isEqualTo(first);
        assertThat(digest(GeneratorOptions.of(seed + 1, 300, 50_000, END))).isNotEqualTo(first);

        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        HistoryGenerator.generate(GeneratorOptions.of(seed, 20, 3_000, END), a);
        HistoryGenerator.generate(GeneratorOptions.of(seed, 20, 3_000, END), b);
        assertThat(b.conversations).isEqualTo(a.conversations);
        assertThat(b.allMessages()).isEqualTo(a.allMessages());
    }

    /** Pins the output of one seed: the demo, benchmarks and stored test data rely on it not drifting. */
    @Test
    void aFixedSeedGivesTheHistoryItAlwaysGave() {
        assertThat(digest(GeneratorOptions.of(20261130L, 40, 6_000, END))).isEqualTo("6cd440bbbf61abecfc651f0998ff572c190ab72c2c28e8fafe086caa8e9d1e29");
    }

    @Test
    void countsAreExactlyAsRequested() {
        long seed = Seeds.next(log, "counts");
        for (int[] shape : new int[][] {{1, 0}, {5, 0}, {10, 3}, {1, 1}, {1, 25_000}, {7, 7}, {250, 12_345}, {3_000, 40_000}}) {
            RecordingSink sink = new RecordingSink();
            HistoryGenerator.generate(GeneratorOptions.of(seed, shape[0], shape[1], END), sink);
            assertThat(sink.conversations).as("conversations of %d/%d", shape[0], shape[1]).hasSize(shape[0]);
            assertThat(sink.messageCount()).as("messages of %d/%d", shape[0], shape[1]).isEqualTo(shape[1]);
            if (shape[1] >= shape[0]) {
                assertThat(sink.messages.values()).as("nobody left empty when there is enough to go round")
                        .allSatisfy(list -> assertThat(list).isNotEmpty());
            }
        }
    }

    @Test
    void batchesAreFullExceptAtTheEndOfAConversation() {
        long seed = Seeds.next(log, "batches");
        RecordingSink sink = new RecordingSink();
        HistoryGenerator.generate(GeneratorOptions.of(seed, 1, 25_001, END), sink);
        assertThat(sink.batchSizes).containsExactly(10_000, 10_000, 5_001);
    }

    @Test
    void timesAreStrictlyIncreasingPerConversationAndWithinTheHistory() {
        long seed = Seeds.next(log, "times");
        GeneratorOptions[] cases = {
                GeneratorOptions.of(seed, 400, 60_000, END),
                // one very dense conversation: times must stay distinct and before the end
                GeneratorOptions.of(seed, 1, 300_000, END).withYears(1),
                GeneratorOptions.of(seed, 50, 5_000, 1_000_000_000_000L).withYears(10),
        };
        for (GeneratorOptions o : cases) {
            RecordingSink sink = new RecordingSink(); // checks the strict order itself
            HistoryGenerator.generate(o, sink);
            long start = o.endTime() - o.years() * GeneratorOptions.YEAR_MS;
            for (Message m : sink.allMessages()) {
                assertThat(m.sentAt()).as("%s/%s", m.conversationId(), m.id()).isBetween(start, o.endTime());
                if (m.editedAt() != null) assertThat(m.editedAt()).isBetween(m.sentAt(), o.endTime());
            }
        }
    }

    @Test
    void idsAreUniqueAndRepliesPointEarlierInTheSameConversation() {
        long seed = Seeds.next(log, "replies");
        RecordingSink sink = new RecordingSink();
        HistoryGenerator.generate(GeneratorOptions.of(seed, 200, 40_000, END), sink);
        Set<String> conversationIds = new HashSet<>();
        int replies = 0;
        for (Conversation c : sink.conversations.values()) {
            assertThat(conversationIds.add(c.id())).isTrue();
            assertThat(c.id()).matches("c[0-9]+");
            Map<String, Long> seen = new HashMap<>();
            for (Message m : sink.messages.get(c.id())) {
                if (m.replyTo() != null) {
                    replies++;
                    assertThat(seen).as("reply %s -> %s in %s", m.id(), m.replyTo(), c.id()).containsKey(m.replyTo());
                    assertThat(seen.get(m.replyTo())).isLessThan(m.sentAt());
                }
                assertThat(seen.put(m.id(), m.sentAt())).as("duplicate id %s in %s", m.id(), c.id()).isNull();
            }
        }
        assertThat(replies).isPositive();
    }

    @Test
    void sendersAreParticipants() {
        long seed = Seeds.next(log, "senders");
        RecordingSink sink = new RecordingSink();
        HistoryGenerator.generate(GeneratorOptions.of(seed, 300, 30_000, END), sink);
        for (Conversation c : sink.conversations.values()) {
            Set<String> members = Set.copyOf(c.participants());
            assertThat(members).as("participants of %s are distinct", c.id()).hasSameSizeAs(c.participants());
            assertThat(c.title()).isNotBlank();
            for (Message m : sink.messages.get(c.id())) assertThat(members).contains(m.sender());
        }
    }

    /** Not a timed assertion: the rate goes to the log so that regressions can be seen. */
    @Test
    void logsTheGenerationRateOfTheTwoMillionMessagePreset() {
        long seed = Seeds.next(log, "rate");
        GeneratorOptions o = GeneratorOptions.of(seed, 2_000, 2_000_000, END);
        long[] counts = new long[2];
        HistorySink counting = new HistorySink() {
            @Override public void conversation(Conversation c) { counts[0]++; }
            @Override public void messages(List<Message> batch) { counts[1] += batch.size(); }
        };
        long t0 = System.nanoTime();
        HistoryGenerator.generate(o, counting);
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.info("generated {} conversations, {} messages in {} s: {} messages/s", counts[0], counts[1],
                String.format("%.2f", seconds), String.format("%.0f", counts[1] / seconds));
        assertThat(counts).containsExactly(2_000, 2_000_000);
    }

    private static String digest(GeneratorOptions o) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        HistoryGenerator.generate(o, new HistorySink() {
            @Override public void conversation(Conversation c) { sha.update(c.toString().getBytes(StandardCharsets.UTF_8)); }
            @Override public void messages(List<Message> batch) {
                for (Message m : batch) sha.update(m.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        return HexFormat.of().formatHex(sha.digest());
    }
}
