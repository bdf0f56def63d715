package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;

/**
 * docs/FORMAT.md §6.3, property style. Each run draws a master seed (or takes -Dchatvault.seed=…) and
 * logs it; every assertion names the seed of its trial so a failure can be replayed.
 */
class SegmenterPropertyTest {
    private static final int TRIALS = 40;
    private static final MessageType[] TYPES = MessageType.values();
    private static final String[] ALPHABETS = {
            "abcdefghijklmnopqrstuvwxyz ,.!?0123456789",
            "\u4f60\u597d\u4e16\u754c\u804a\u5929\u8bb0\u5f55\u5907\u4efd\u6062\u590d",
            "\u00e9\u00fc\u00df\u0416\u05d0\u0627",
    };

    @Test
    void segmenterProperties() {
        long master = Long.getLong("chatvault.seed", System.nanoTime());
        System.out.println("SegmenterPropertyTest master seed: " + master + " (replay with -Dchatvault.seed=" + master + ")");
        SplittableRandom seeds = new SplittableRandom(master);
        int[] stats = new int[3];
        for (int t = 0; t < TRIALS; t++) {
            long seed = seeds.nextLong();
            System.out.println("  trial " + t + " seed " + seed + " profile " + t % 4);
            checkTrial(seed, t % 4, stats);
        }
        System.out.println("  cuts by size: " + stats[0] + ", by month: " + stats[1] + ", oversized single messages: " + stats[2]);
        // every profile ran ten times: the interesting cases did occur
        assertThat(stats).as("master seed %d", master).doesNotContain(0);
    }

    /** stats: [0] size cuts, [1] month cuts, [2] segments of one message over the limit. */
    private static void checkTrial(long seed, int profile, int[] stats) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String conv = rnd.nextInt(4) == 0 ? "\u7fa4\u804a-\uD83D\uDE00-" + rnd.nextInt(1000) : "conv-" + rnd.nextInt(1_000_000);
        List<Message> input = generate(rnd, conv, profile);
        String why = "seed " + seed;

        List<Segmenter.SegmentDraft> drafts = segment(conv, input);

        // concatenation of the decoded segments is the input minus ephemeral messages
        List<Message> kept = input.stream().filter(m -> !m.ephemeral()).toList();
        List<Message> decoded = new ArrayList<>();
        int allowance = 16 + 3 * conv.length();
        for (int i = 0; i < drafts.size(); i++) {
            Segmenter.SegmentDraft d = drafts.get(i);
            SegmentCodec.Segment s = SegmentCodec.decode(d.plaintext());
            String at = why + ", segment " + i;
            assertThat(s.conversationId()).as(at).isEqualTo(conv);
            assertThat(d.count()).as(at).isPositive().isEqualTo(s.messages().size());
            // never across a UTC month, and the draft's metadata is right
            for (Message m : s.messages()) assertThat(Months.of(m.sentAt())).as(at).isEqualTo(d.month());
            assertThat(d.firstSentAt()).as(at).isEqualTo(s.messages().getFirst().sentAt());
            assertThat(d.lastSentAt()).as(at).isEqualTo(s.messages().getLast().sentAt());
            // ≤ 256 KiB unless the segment is one message that alone is larger
            if (d.count() > 1) assertThat(d.plaintext().length).as(at).isLessThanOrEqualTo(Segmenter.MAX_PLAINTEXT);
            else if (d.plaintext().length > Segmenter.MAX_PLAINTEXT) stats[2]++;
            // the Segmenter writes exactly what SegmentCodec.encode writes for the same messages
            assertThat(SegmentCodec.encode(conv, s.messages())).as(at).isEqualTo(d.plaintext());
            // greedy: a segment followed by one of the same month was cut because the next message did not fit
            if (i + 1 < drafts.size()) stats[drafts.get(i + 1).month() == d.month() ? 0 : 1]++;
            if (i + 1 < drafts.size() && drafts.get(i + 1).month() == d.month()) {
                Message next = SegmentCodec.decode(drafts.get(i + 1).plaintext()).messages().getFirst();
                ByteWriter w = new ByteWriter(64);
                SegmentCodec.encodeMessage(w, next, d.lastSentAt());
                int body = d.plaintext().length - headerLength(conv, d.count());
                assertThat(body + w.size()).as(at + " was cut early").isGreaterThan(Segmenter.MAX_PLAINTEXT - allowance);
            }
            decoded.addAll(s.messages());
        }
        assertThat(decoded).as(why).isEqualTo(kept);
        if (kept.isEmpty()) assertThat(drafts).as(why).isEmpty();

        // deterministic: the same messages give the same segments
        List<Segmenter.SegmentDraft> again = segment(conv, input);
        assertThat(again).as(why).hasSameSizeAs(drafts);
        for (int i = 0; i < drafts.size(); i++) assertSameDraft(again.get(i), drafts.get(i), why + ", rerun segment " + i);

        // appending messages rewrites only the tail: a prefix's segments are the full run's, except that its last
        // segment may since have grown
        int cut = input.isEmpty() ? 0 : rnd.nextInt(input.size() + 1);
        List<Segmenter.SegmentDraft> prefix = segment(conv, input.subList(0, cut));
        assertThat(prefix.size()).as(why).isLessThanOrEqualTo(drafts.size());
        for (int i = 0; i + 1 < prefix.size(); i++) assertSameDraft(prefix.get(i), drafts.get(i), why + ", prefix segment " + i);
        if (!prefix.isEmpty()) {
            List<Message> tail = SegmentCodec.decode(prefix.getLast().plaintext()).messages();
            List<Message> full = SegmentCodec.decode(drafts.get(prefix.size() - 1).plaintext()).messages();
            assertThat(full.subList(0, tail.size())).as(why + ", prefix tail").isEqualTo(tail);
        }
    }

    private static void assertSameDraft(Segmenter.SegmentDraft a, Segmenter.SegmentDraft b, String why) {
        assertThat(a.plaintext()).as(why).isEqualTo(b.plaintext());
        assertThat(List.of(a.conversationId(), a.month(), a.firstSentAt(), a.lastSentAt(), a.count()))
                .as(why).isEqualTo(List.of(b.conversationId(), b.month(), b.firstSentAt(), b.lastSentAt(), b.count()));
    }

    private static int headerLength(String conv, int count) {
        return new ByteWriter(32).u8(1).string(conv).varint(count).size();
    }

    private static List<Segmenter.SegmentDraft> segment(String conv, List<Message> messages) {
        List<Segmenter.SegmentDraft> out = new ArrayList<>();
        Segmenter s = new Segmenter(conv, out::add);
        messages.forEach(s::add);
        s.finish();
        return out;
    }

    /** A conversation shaped by one of a few profiles, so that size cuts, month cuts and oversized messages all occur. */
    private static List<Message> generate(SplittableRandom rnd, String conv, int profile) {
        int n = switch (profile) {
            case 0 -> rnd.nextInt(0, 30);          // a few messages, maybe none
            case 1 -> rnd.nextInt(2_000, 12_000);  // chatty: many small messages, seconds apart
            case 2 -> rnd.nextInt(20, 120);        // big texts, some over 256 KiB
            default -> rnd.nextInt(100, 2_000);    // sparse: jumps of days and months
        };
        long t = rnd.nextInt(10) == 0 ? -rnd.nextLong(1_000_000_000_000L) : rnd.nextLong(900_000_000_000L, 2_000_000_000_000L);
        if (rnd.nextInt(5) == 0) t = Months.start(Months.of(t) + (Months.of(t) % 100 == 12 ? 89 : 1)) - rnd.nextInt(3) * 1_000L;
        List<Message> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            t += switch (profile) {
                case 1 -> rnd.nextInt(0, 30_000);
                case 3 -> rnd.nextInt(4) == 0 ? rnd.nextLong(86_400_000L * 45) : rnd.nextInt(0, 3_600_000);
                default -> rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(1, 600_000);
            };
            out.add(message(rnd, conv, "m" + i, t, profile == 2));
        }
        return out;
    }

    private static Message message(SplittableRandom rnd, String conv, String id, long sentAt, boolean big) {
        int textLen = big ? (rnd.nextInt(8) == 0 ? rnd.nextInt(200_000, 400_000) : rnd.nextInt(1_000, 90_000)) : rnd.nextInt(0, 120);
        String text = rnd.nextInt(6) == 0 ? null : text(rnd, textLen);
        List<Attachment> attachments = new ArrayList<>();
        if (rnd.nextInt(8) == 0) {
            for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                attachments.add(new Attachment("sha256:" + Long.toHexString(rnd.nextLong()), text(rnd, rnd.nextInt(0, 20)),
                        rnd.nextBoolean() ? "image/jpeg" : null, rnd.nextLong(0, 1L << 40),
                        rnd.nextBoolean() ? null : "thumb-" + rnd.nextInt(1000)));
            }
        }
        return new Message(conv, id, sentAt, "user" + rnd.nextInt(5), TYPES[rnd.nextInt(TYPES.length)], text, attachments,
                rnd.nextInt(10) == 0 ? "m" + rnd.nextInt(100) : null,
                rnd.nextInt(20) == 0 ? "channel-" + rnd.nextInt(9) : null,
                rnd.nextInt(15) == 0 ? sentAt + rnd.nextLong(0, 86_400_000L * 60) : null,
                rnd.nextInt(10) == 0);
    }

    private static String text(SplittableRandom rnd, int length) {
        String alphabet = ALPHABETS[rnd.nextInt(ALPHABETS.length)];
        StringBuilder sb = new StringBuilder(length + 2);
        while (sb.length() < length) {
            if (rnd.nextInt(50) == 0) sb.appendCodePoint(0x1F600 + rnd.nextInt(80)); // emoji: a surrogate pair
            else sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ---- targeted cases ------------------------------------------------------------------------------

    @Test
    void aMonthBoundaryAlwaysCuts() {
        long boundary = Months.start(202501);
        List<Segmenter.SegmentDraft> d = segment("c", List.of(
                Message.text("c", "a", boundary - 1, "x", "last ms of December"),
                Message.text("c", "b", boundary, "x", "first ms of January")));
        assertThat(d).extracting(Segmenter.SegmentDraft::month).containsExactly(202412, 202501);
        assertThat(d).extracting(Segmenter.SegmentDraft::count).containsExactly(1, 1);
    }

    @Test
    void anOversizedMessageTravelsAlone() {
        long t = Months.start(202406);
        String big = "x".repeat(Segmenter.MAX_PLAINTEXT + 10);
        List<Segmenter.SegmentDraft> d = segment("c", List.of(
                Message.text("c", "1", t, "x", "small"),
                Message.text("c", "2", t + 1, "x", big),
                Message.text("c", "3", t + 2, "x", "small again")));
        assertThat(d).extracting(Segmenter.SegmentDraft::count).containsExactly(1, 1, 1);
        assertThat(d.get(1).plaintext().length).isGreaterThan(Segmenter.MAX_PLAINTEXT);
    }

    @Test
    void onlyEphemeralMessagesMakeNoSegment() {
        List<Segmenter.SegmentDraft> d = segment("c", List.of(
                new Message("c", "1", 1L, "x", MessageType.IMAGE, null, List.of(), null, null, null, true)));
        assertThat(d).isEmpty();
    }

    @Test
    void messagesOutOfTimeOrderAreRefused() {
        Segmenter s = new Segmenter("c", d -> {});
        s.add(Message.text("c", "1", 2_000, "x", "later"));
        assertThatThrownBy(() -> s.add(Message.text("c", "2", 1_000, "x", "earlier"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSegmentFillsUpToTheLimitButNotPast() {
        // 1,000 messages of ~300 bytes in one month: cut by size only
        long t = Months.start(202402);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) messages.add(Message.text("c", "m" + i, t + i * 1_000L, "x", "y".repeat(300)));
        List<Segmenter.SegmentDraft> d = segment("c", messages);
        assertThat(d).hasSizeGreaterThan(1);
        for (int i = 0; i + 1 < d.size(); i++) {
            assertThat(d.get(i).plaintext().length).isLessThanOrEqualTo(Segmenter.MAX_PLAINTEXT)
                    .isGreaterThan(Segmenter.MAX_PLAINTEXT - 320 - (16 + 3));
        }
    }
}
