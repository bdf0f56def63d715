package org.chatvault.generator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;

/**
 * Decides the conversations: their kind, members, title, language, share of the messages and
 * active period. Message counts follow a Zipf law over a random order of conversations, so a few
 * chats are very busy and most are quiet; the busy ones tend to be long-lived and still active.
 */
final class ConversationPlanner {
    private static final long DAY = 86_400_000L;
    private static final double ZIPF_EXPONENT = 1.0;
    private static final int[] WESTERN_ZONES = {-8, -5, 0, 1};

    /** Who is in a conversation and how they talk, before its size and period are known. */
    private record Cast(Conversation conversation, LanguageMix languages, List<String> speakers, int zone) {}

    private record Window(long start, long end) {}

    private final GeneratorOptions options;
    private final People people;
    private final int directs;
    private int nextPeer = 1;

    private ConversationPlanner(GeneratorOptions options, People people, int directs) {
        this.options = options;
        this.people = people;
        this.directs = directs;
    }

    /** About 70% direct chats, 27% groups and 3% channels. */
    static ConversationKind[] kinds(SplittableRandom r, int n) {
        ConversationKind[] kinds = new ConversationKind[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            kinds[i] = u < 0.70 ? ConversationKind.DIRECT : u < 0.97 ? ConversationKind.GROUP : ConversationKind.CHANNEL;
        }
        return kinds;
    }

    /** The owner, one peer per direct chat, and enough acquaintances to fill the groups. */
    static int populationSize(ConversationKind[] kinds) {
        int directs = count(kinds, ConversationKind.DIRECT);
        int others = kinds.length - directs;
        return 1 + directs + (int) Math.min(200_000, Math.max(300, others * 10L));
    }

    static List<ConversationPlan> plan(GeneratorOptions o, People people, ConversationKind[] kinds,
                                       SplittableRandom r) {
        ConversationPlanner planner = new ConversationPlanner(o, people, count(kinds, ConversationKind.DIRECT));
        int n = kinds.length;
        long[] shares = Zipf.allocate(o.messages(), n, ZIPF_EXPONENT);
        int[] rankOf = shuffledIndexes(r, n);
        List<ConversationPlan> plans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int rank = rankOf[i];
            plans.add(planner.plan(r, i, kinds[i], shares[rank], 1.0 - (double) rank / n));
        }
        return plans;
    }

    private ConversationPlan plan(SplittableRandom r, int index, ConversationKind kind, long messages, double busy) {
        String id = "c" + (index + 1);
        Cast cast = switch (kind) {
            case DIRECT -> direct(r, id);
            case GROUP -> group(r, id);
            case CHANNEL -> channel(r, id);
        };
        Window window = window(r, kind, messages, busy);
        return new ConversationPlan(cast.conversation(), messages, window.start(), window.end(), cast.languages(),
                cast.speakers(), cast.zone(), r.nextLong());
    }

    private Cast direct(SplittableRandom r, String id) {
        int peer = nextPeer++;
        boolean ownerZh = people.chinese(0);
        boolean peerZh = people.chinese(peer);
        LanguageMix languages = ownerZh && peerZh ? LanguageMix.CHINESE
                : !ownerZh && !peerZh ? LanguageMix.ENGLISH : LanguageMix.BILINGUAL;
        String name = people.name(peer);
        String title = r.nextDouble() < 0.06 ? Picks.pick(r, peerZh ? Names.ZH_REMARKS : Names.EN_REMARKS) : name;
        Conversation c = new Conversation(id, ConversationKind.DIRECT, title, List.of(people.owner(), name));
        return new Cast(c, languages, List.of(name, people.owner()), zone(r, languages));
    }

    private Cast group(SplittableRandom r, String id) {
        double u = r.nextDouble();
        LanguageMix languages = u < 0.5 ? LanguageMix.CHINESE : u < 0.75 ? LanguageMix.ENGLISH : LanguageMix.BILINGUAL;
        String title = languages.main() == Language.EN
                ? Picks.pick(r, Names.EN_GROUP_HEADS) + Picks.pick(r, Names.EN_GROUP_TAILS)
                : Picks.pick(r, Names.ZH_GROUP_HEADS) + Picks.pick(r, Names.ZH_GROUP_TAILS);
        double v = r.nextDouble();
        int size = 3 + (int) (197 * v * v * v * v * v); // mostly small groups, one in eight over 100
        List<String> members = members(r, size - 1);
        members.add(r.nextInt(members.size() + 1), people.owner());
        List<String> speakers = shuffled(r, members);
        return new Cast(new Conversation(id, ConversationKind.GROUP, title, members), languages, speakers,
                zone(r, languages));
    }

    private Cast channel(SplittableRandom r, String id) {
        String title = Picks.pick(r, Names.CHANNELS);
        LanguageMix languages = title.charAt(0) >= 0x2e80 ? LanguageMix.ONLY_CHINESE : LanguageMix.ONLY_ENGLISH;
        List<String> admins = members(r, 1 + r.nextInt(3));
        List<String> participants = new ArrayList<>(admins);
        participants.add(people.owner());
        return new Cast(new Conversation(id, ConversationKind.CHANNEL, title, participants), languages, admins,
                zone(r, languages));
    }

    /** {@code n} distinct people other than the owner, half of them from the direct chats. */
    private List<String> members(SplittableRandom r, int n) {
        Set<Integer> chosen = new HashSet<>();
        List<String> names = new ArrayList<>(n + 1);
        int acquaintances = people.size() - 1 - directs;
        while (names.size() < n) {
            int p = directs > 0 && (acquaintances == 0 || r.nextDouble() < 0.5)
                    ? 1 + r.nextInt(directs) : 1 + directs + r.nextInt(acquaintances);
            if (chosen.add(p)) names.add(people.name(p));
        }
        return names;
    }

    /**
     * When the conversation was active: busy chats mostly existed from the start of the history and
     * are still going; others began later or went quiet. The window is wide enough for its bursts.
     */
    private Window window(SplittableRandom r, ConversationKind kind, long messages, double busy) {
        long historyStart = options.historyStart();
        long end = options.endTime();
        long span = end - historyStart;
        long tailRoom = Rhythm.of(kind).tailRoomMs();
        long start = r.nextDouble() < 0.3 + 0.5 * busy
                ? historyStart + (long) (span * 0.03 * r.nextDouble())
                : historyStart + (long) (span * 0.95 * StrictMath.pow(r.nextDouble(), 0.8));
        long last = r.nextDouble() < 0.5 + 0.45 * busy
                ? end - tailRoom - (long) (DAY * Picks.exponential(r) * (0.3 + 10 * (1 - busy)))
                : start + (long) ((end - tailRoom - start) * (0.1 + 0.85 * r.nextDouble()));
        long minSpan = Math.min(span / 2, Math.max(7 * DAY, messages * 30_000));
        if (last - start < minSpan) start = Math.max(historyStart, last - minSpan);
        if (last - start < minSpan) last = Math.min(end, start + minSpan);
        return new Window(start, last);
    }

    private static int zone(SplittableRandom r, LanguageMix languages) {
        return languages.main() == Language.EN ? WESTERN_ZONES[r.nextInt(WESTERN_ZONES.length)] : 8;
    }

    private static List<String> shuffled(SplittableRandom r, List<String> list) {
        List<String> copy = new ArrayList<>(list);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            copy.set(i, copy.set(j, copy.get(i)));
        }
        return copy;
    }

    private static int[] shuffledIndexes(SplittableRandom r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static int count(ConversationKind[] kinds, ConversationKind kind) {
        int n = 0;
        for (ConversationKind k : kinds) if (k == kind) n++;
        return n;
    }
}
