package org.chatvault.generator;

import static org.chatvault.generator.Lexicon.*;
import static org.chatvault.generator.Picks.chance;
import static org.chatvault.generator.Picks.pick;
import static org.chatvault.generator.Picks.skewed;

import java.util.SplittableRandom;

/**
 * Chat text: mostly a stock phrase or one short sentence, sometimes a few sentences, rarely several
 * paragraphs — about 50 UTF-8 bytes on average with a long tail. Everything is appended to one
 * reused builder from pre-split pools, because this runs once per message.
 */
final class TextFactory {
    private static final String[] MINUTES = {":00", ":15", ":30", ":45", ""};
    private static final String[] ZH_POST_TAGS = Names.list("早报|快讯|推荐|今日话题|热点|更新|深度|观察");

    private final StringBuilder sb = new StringBuilder(8192);

    /** A chat message's text. */
    String chat(SplittableRandom r, Language lang) {
        sb.setLength(0);
        double u = r.nextDouble();
        if (u < 0.30) {
            phrase(sb, r, lang);
            if (chance(r, 0.2)) emoji(sb, r, lang);
        } else if (u < 0.35) {
            emoji(sb, r, lang);
        } else if (u < 0.73) {
            sentence(sb, r, lang, false);
            if (chance(r, 0.12)) emoji(sb, r, lang);
        } else if (u < 0.91) {
            sentences(sb, r, lang, 2 + r.nextInt(2));
        } else if (u < 0.985) {
            sentences(sb, r, lang, 4 + r.nextInt(5));
        } else {
            paragraphs(sb, r, lang, 2 + r.nextInt(4));
        }
        return sb.toString();
    }

    /** A short caption under a photo or video. */
    String caption(SplittableRandom r, Language lang) {
        sb.setLength(0);
        if (chance(r, 0.5)) phrase(sb, r, lang);
        else sentence(sb, r, lang, false);
        if (chance(r, 0.3)) emoji(sb, r, lang);
        return sb.toString();
    }

    /** A channel post: a headline and a few paragraphs. */
    String post(SplittableRandom r, Language lang) {
        sb.setLength(0);
        if (lang == Language.EN) {
            sentence(sb, r, lang, false);
            capitalize(sb, 0);
        } else {
            sb.append('【').append(pick(r, ZH_POST_TAGS)).append('】');
            sentence(sb, r, lang, false);
        }
        sb.append(lang == Language.EN ? "\n\n" : "\n");
        paragraphs(sb, r, lang, 1 + r.nextInt(3));
        return sb.toString();
    }

    /** One to three emoji, alone: what a sticker stands for, or a reaction. */
    String emojiOnly(SplittableRandom r) {
        sb.setLength(0);
        emoji(sb, r, Language.EN);
        return sb.toString();
    }

    void phrase(StringBuilder out, SplittableRandom r, Language lang) {
        switch (lang) {
            case EN -> out.append(skewed(r, EN_PHRASES));
            case ZH -> out.append(skewed(r, ZH_PHRASES));
            case MIXED -> out.append(chance(r, 0.6) ? skewed(r, MIXED_PHRASES) : skewed(r, ZH_PHRASES));
        }
    }

    void emoji(StringBuilder out, SplittableRandom r, Language lang) {
        int n = chance(r, 0.7) ? 1 : 2 + r.nextInt(2);
        boolean emoticons = lang != Language.EN && chance(r, 0.35);
        String first = emoticons ? skewed(r, ZH_EMOTICONS) : skewed(r, EMOJI);
        // People repeat one emoji more often than they mix them: 😂😂😂.
        boolean repeat = chance(r, 0.5);
        for (int i = 0; i < n; i++) out.append(i == 0 || repeat ? first : skewed(r, emoticons ? ZH_EMOTICONS : EMOJI));
    }

    /** {@code n} sentences joined as one paragraph. */
    void sentences(StringBuilder out, SplittableRandom r, Language lang, int n) {
        for (int i = 0; i < n; i++) {
            if (i > 0 && lang == Language.EN) out.append(' ');
            sentence(out, r, lang, i < n - 1);
        }
    }

    private void paragraphs(StringBuilder out, SplittableRandom r, Language lang, int n) {
        boolean list = chance(r, 0.3);
        for (int p = 0; p < n; p++) {
            if (p > 0) out.append(list || lang != Language.EN ? "\n" : "\n\n");
            if (list) out.append(p + 1).append(". ");
            sentences(out, r, lang, list ? 1 + r.nextInt(2) : 3 + r.nextInt(5));
        }
    }

    /** One sentence; {@code terminal} forces closing punctuation so another can follow. */
    void sentence(StringBuilder out, SplittableRandom r, Language lang, boolean terminal) {
        switch (lang) {
            case EN -> english(out, r, terminal);
            case ZH -> chinese(out, r, terminal, false);
            case MIXED -> chinese(out, r, terminal, true);
        }
    }

    private void english(StringBuilder out, SplittableRandom r, boolean terminal) {
        int start = out.length();
        double t = r.nextDouble();
        boolean question = false;
        if (t < 0.5) {
            englishClause(out, r);
        } else if (t < 0.7) {
            out.append(pick(r, EN_QUESTIONS)).append(' ').append(skewed(r, EN_VERBS)).append(' ')
                    .append(skewed(r, EN_OBJECTS));
            englishTail(out, r);
            question = true;
        } else if (t < 0.82) {
            out.append(pick(r, EN_OPENERS)).append(", ");
            englishClause(out, r);
        } else if (t < 0.95) {
            out.append(skewed(r, EN_OBJECTS)).append(' ').append(skewed(r, EN_STATES));
        } else {
            // Loose rambling: frequent words in no particular order, as in hurried typing.
            int n = 5 + r.nextInt(10);
            for (int i = 0; i < n; i++) {
                if (i > 0) out.append(' ');
                out.append(skewed(r, EN_WORDS));
            }
        }
        if (chance(r, 0.5)) capitalize(out, start);
        if (question) out.append('?');
        else {
            String end = skewed(r, EN_ENDS);
            out.append(terminal && end.isEmpty() ? "." : end);
        }
    }

    private void englishClause(StringBuilder out, SplittableRandom r) {
        out.append(skewed(r, EN_SUBJECTS)).append(' ');
        if (chance(r, 0.7)) out.append(skewed(r, EN_AUX)).append(' ');
        out.append(skewed(r, EN_VERBS)).append(' ').append(skewed(r, EN_OBJECTS));
        englishTail(out, r);
    }

    private void englishTail(StringBuilder out, SplittableRandom r) {
        if (chance(r, 0.05)) {
            out.append(" at ").append(1 + r.nextInt(12)).append(pick(r, MINUTES));
            return;
        }
        String tail = skewed(r, EN_TAILS);
        if (!tail.isEmpty()) out.append(' ').append(tail);
    }

    private void chinese(StringBuilder out, SplittableRandom r, boolean terminal, boolean mixed) {
        double t = r.nextDouble();
        boolean question = false;
        if (t < 0.55) {
            chineseClause(out, r, mixed);
            out.append(skewed(r, ZH_PARTICLES));
        } else if (t < 0.72) {
            out.append(skewed(r, ZH_SUBJECTS)).append(skewed(r, ZH_TIMES)).append(pick(r, ZH_QUESTIONS));
            verbObject(out, r, mixed);
            question = true;
        } else if (t < 0.87) {
            out.append(chance(r, 0.5) ? skewed(r, ZH_SUBJECTS) : skewed(r, ZH_OBJECTS)).append(skewed(r, ZH_TIMES))
                    .append(skewed(r, ZH_STATES));
        } else if (t < 0.95) {
            out.append(pick(r, ZH_OPENERS)).append('，');
            chineseClause(out, r, mixed);
        } else {
            int n = 4 + r.nextInt(7);
            for (int i = 0; i < n; i++) out.append(skewed(r, ZH_FILLER));
            if (mixed) out.append(skewed(r, LOAN_NOUNS));
        }
        if (question) out.append(chance(r, 0.7) ? "？" : "?");
        else {
            String end = skewed(r, ZH_ENDS);
            out.append(terminal && end.isEmpty() ? (chance(r, 0.6) ? "，" : "。") : end);
        }
    }

    private void chineseClause(StringBuilder out, SplittableRandom r, boolean mixed) {
        out.append(skewed(r, ZH_SUBJECTS));
        if (chance(r, 0.06)) {
            int hour = 1 + r.nextInt(12);
            out.append(hour).append(chance(r, 0.5) ? "点" : "点半");
        } else {
            out.append(skewed(r, ZH_TIMES));
        }
        out.append(skewed(r, ZH_ADVERBS));
        verbObject(out, r, mixed);
    }

    private void verbObject(StringBuilder out, SplittableRandom r, boolean mixed) {
        // Two English words in a row keep their space: "check一下PPT", "sync deadline", "看那个demo".
        boolean latinEnd = false;
        if (mixed && chance(r, 0.5)) {
            out.append(skewed(r, LOAN_VERBS));
            latinEnd = !chance(r, 0.5);
            if (!latinEnd) out.append("一下");
        } else {
            out.append(skewed(r, ZH_VERBS));
        }
        if (mixed && chance(r, 0.6)) {
            if (chance(r, 0.4)) out.append("那个");
            else if (latinEnd) out.append(' ');
            out.append(skewed(r, LOAN_NOUNS));
        } else {
            out.append(skewed(r, ZH_OBJECTS));
        }
    }

    private static void capitalize(StringBuilder out, int at) {
        if (at < out.length()) out.setCharAt(at, Character.toUpperCase(out.charAt(at)));
    }
}
