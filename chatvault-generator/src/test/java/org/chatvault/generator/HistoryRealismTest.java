package org.chatvault.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shape of a 100k-message history: shares within sensible bounds, not exact values. */
class HistoryRealismTest {
    private static final Logger log = LoggerFactory.getLogger(HistoryRealismTest.class);
    private static final long DAY = 86_400_000L;
    private static GeneratorOptions options;
    private static Collection<Conversation> conversations;
    private static List<Message> messages;

    @BeforeAll
    static void generate() {
        long seed = Seeds.next(log, "realism");
        options = GeneratorOptions.of(seed, 1_000, 100_000, HistoryGeneratorTest.END);
        RecordingSink sink = new RecordingSink();
        HistoryGenerator.generate(options, sink);
        conversations = sink.conversations.values();
        messages = sink.allMessages();
        Map<MessageType, Long> types = new EnumMap<>(MessageType.class);
        for (Message m : messages) types.merge(m.type(), 1L, Long::sum);
        log.info("types {}", types);
    }

    @Test
    void mostlyDirectChatsSomeGroupsFewChannels() {
        assertThat(share(conversations, c -> c.kind() == ConversationKind.DIRECT)).isBetween(0.62, 0.78);
        assertThat(share(conversations, c -> c.kind() == ConversationKind.GROUP)).isBetween(0.20, 0.34);
        assertThat(share(conversations, c -> c.kind() == ConversationKind.CHANNEL)).isBetween(0.01, 0.06);
        for (Conversation c : conversations) {
            switch (c.kind()) {
                case DIRECT -> assertThat(c.participants()).hasSize(2);
                case GROUP -> assertThat(c.participants().size()).isBetween(3, 200);
                case CHANNEL -> assertThat(c.participants().size()).isBetween(2, 4);
            }
        }
        assertThat(conversations).anyMatch(c -> c.kind() == ConversationKind.GROUP && c.participants().size() > 50);
    }

    @Test
    void aFewBusyChatsAndALongTail() {
        Map<String, Integer> perConversation = new java.util.HashMap<>();
        for (Message m : messages) perConversation.merge(m.conversationId(), 1, Integer::sum);
        List<Integer> counts = new ArrayList<>(perConversation.values());
        counts.sort(null);
        int busiest = counts.getLast();
        int median = counts.get(counts.size() / 2);
        log.info("busiest conversation {} messages, median {}", busiest, median);
        assertThat(busiest).isGreaterThan(messages.size() / 30);
        assertThat(median).isLessThan(messages.size() / conversations.size() / 2);
    }

    @Test
    void typesMixTextWithMediaStickersAndTheOccasionalNotice() {
        assertThat(share(messages, m -> m.type() == MessageType.TEXT)).isBetween(0.65, 0.85);
        assertThat(share(messages, m -> m.type() == MessageType.STICKER)).isBetween(0.03, 0.09);
        assertThat(share(messages, m -> m.type() == MessageType.IMAGE)).isBetween(0.04, 0.13);
        for (MessageType t : MessageType.values()) {
            assertThat(messages).as("some %s", t).anyMatch(m -> m.type() == t);
        }
        for (Message m : messages) {
            switch (m.type()) {
                case TEXT, LINK, LOCATION, SYSTEM, CONTACT, POLL -> {
                    assertThat(m.text()).as("%s", m).isNotBlank();
                    assertThat(m.attachments()).isEmpty();
                }
                default -> assertThat(m.attachments()).as("%s", m).isNotEmpty();
            }
        }
        assertThat(messages).filteredOn(m -> m.type() == MessageType.LINK).allMatch(m -> m.text().contains("https://"));
        assertThat(messages).filteredOn(m -> m.type() == MessageType.LOCATION)
                .allMatch(m -> m.text().matches("(?s).+\\n-?\\d+\\.\\d{6},-?\\d+\\.\\d{6}"));
    }

    @Test
    void mediaHasPlausibleMetadata() {
        for (Message m : messages) {
            for (Attachment a : m.attachments()) {
                assertThat(a.contentId()).matches("[0-9a-f]{64}");
                assertThat(a.name()).isNotBlank();
                assertThat(a.size()).isPositive();
                switch (m.type()) {
                    case IMAGE -> assertThat(a.mime()).startsWith("image/").isNotEqualTo("image/webp");
                    case VIDEO -> assertThat(a.mime()).startsWith("video/");
                    case VOICE -> assertThat(a.mime()).startsWith("audio/");
                    case STICKER -> assertThat(a.mime()).isEqualTo("image/webp");
                    default -> { }
                }
                boolean thumbnailed = m.type() == MessageType.IMAGE || m.type() == MessageType.VIDEO;
                if (thumbnailed) assertThat(a.thumbnailId()).matches("[0-9a-f]{64}");
                else assertThat(a.thumbnailId()).isNull();
            }
        }
    }

    @Test
    void stickersComeFromASmallSetAndAreReused() {
        List<String> ids = messages.stream().filter(m -> m.type() == MessageType.STICKER)
                .map(m -> m.attachments().getFirst().contentId()).toList();
        Set<String> distinct = new HashSet<>(ids);
        log.info("{} stickers sent, {} distinct", ids.size(), distinct.size());
        assertThat(distinct.size()).isBetween(20, StickerSet.SIZE);
        assertThat(ids.size()).isGreaterThan(5 * distinct.size());
    }

    @Test
    void textIsChineseEnglishAndMixedWithEmojiMostlyShortWithALongTail() {
        List<String> texts = messages.stream().filter(m -> m.type() == MessageType.TEXT).map(Message::text).toList();
        double chinese = share(texts, HistoryRealismTest::hasHan);
        double english = share(texts, t -> t.chars().filter(ch -> ch >= 'a' && ch <= 'z').count() >= 3);
        double emoji = share(texts, t -> t.codePoints().anyMatch(cp -> cp >= 0x1f300));
        long[] bytes = texts.stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sorted().toArray();
        double mean = java.util.Arrays.stream(bytes).average().orElseThrow();
        long median = bytes[bytes.length / 2];
        long max = bytes[bytes.length - 1];
        log.info("text: {}% Chinese, {}% English, {}% emoji; UTF-8 bytes mean {}, median {}, max {}",
                Math.round(chinese * 100), Math.round(english * 100), Math.round(emoji * 100), Math.round(mean), median, max);
        assertThat(chinese).isGreaterThanOrEqualTo(0.20);
        assertThat(english).isGreaterThanOrEqualTo(0.10);
        assertThat(emoji).isBetween(0.03, 0.30);
        assertThat(mean).isBetween(35.0, 75.0);
        assertThat(median).isLessThan(Math.round(mean));
        assertThat(bytes[0]).isPositive();
        assertThat(max).isGreaterThan(500);
        assertThat(texts).anyMatch(t -> t.contains("\n"));
    }

    @Test
    void repliesForwardsEditsAndEphemeralsAtTheirRates() {
        assertThat(share(messages, m -> m.replyTo() != null)).isCloseTo(MessageFactory.REPLY_RATE, within(0.015));
        assertThat(share(messages, m -> m.forwardedFrom() != null)).isCloseTo(MessageFactory.FORWARD_RATE, within(0.007));
        assertThat(share(messages, m -> m.editedAt() != null)).isCloseTo(MessageFactory.EDIT_RATE, within(0.004));
        assertThat(share(messages, Message::ephemeral)).isCloseTo(options.ephemeralShare(), within(0.002));
    }

    @Test
    void activityComesInBurstsAndLeansRecent() {
        long start = options.endTime() - options.years() * GeneratorOptions.YEAR_MS;
        long firstYear = messages.stream().filter(m -> m.sentAt() < start + GeneratorOptions.YEAR_MS).count();
        long lastYear = messages.stream().filter(m -> m.sentAt() >= options.endTime() - GeneratorOptions.YEAR_MS).count();
        assertThat(lastYear).isGreaterThan(firstYear);
        int quick = 0;
        int slow = 0;
        for (int i = 1; i < messages.size(); i++) {
            Message prev = messages.get(i - 1);
            Message m = messages.get(i);
            if (!m.conversationId().equals(prev.conversationId())) continue;
            long gap = m.sentAt() - prev.sentAt();
            if (gap < 60_000) quick++;
            if (gap > DAY) slow++;
        }
        log.info("gaps under a minute {}, over a day {}", quick, slow);
        assertThat(quick).isGreaterThan(messages.size() / 2);
        assertThat(slow).isGreaterThan(messages.size() / 50);
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static <T> double share(Collection<T> items, Predicate<T> p) {
        return (double) items.stream().filter(p).count() / items.size();
    }
}
