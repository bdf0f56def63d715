package org.chatvault.generator;

import static org.chatvault.generator.Picks.pick;

import java.util.SplittableRandom;

/**
 * Shared links: the sites people in Chinese and in English chats actually paste, with ids of the
 * right shape, alone or with a line of comment.
 */
final class Links {
    private static final String ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String[] REPO_OWNERS = Names.list("apache|google|facebook|rust-lang|alibaba|tencent|microsoft"
            + "|openjdk|spring-projects|vuejs|torvalds|sqlite");
    private static final String[] REPOS = Names.list("kafka|guava|react|rust|nacos|weui|vscode|jdk|spring-boot|core"
            + "|linux|sqlite|druid|tokio");
    private static final String[] WIKI = Names.list("Shanghai|Hot_pot|Great_Wall_of_China|Capybara|Jazz|Marathon"
            + "|SQLite|Mount_Fuji|Dim_sum|Bubble_tea|Quantum_computing|Roman_Empire|Octopus|Tokyo");
    private static final String[] HANDLES = Names.list("elonmusk|nytimes|verge|naval|paulg|dril|NASA|BBCWorld");

    private final TextFactory text;
    private final StringBuilder sb = new StringBuilder(256);

    Links(TextFactory text) { this.text = text; }

    String message(SplittableRandom r, Language lang) {
        sb.setLength(0);
        double u = r.nextDouble();
        if (u < 0.5) {
            url(r, lang);
        } else if (u < 0.8) {
            if (r.nextDouble() < 0.5) text.phrase(sb, r, lang);
            else text.sentence(sb, r, lang, false);
            sb.append(' ');
            url(r, lang);
        } else {
            url(r, lang);
            sb.append('\n');
            text.sentence(sb, r, lang, false);
        }
        return sb.toString();
    }

    private void url(SplittableRandom r, Language lang) {
        int site = lang == Language.EN ? 7 + r.nextInt(8) : r.nextInt(8);
        switch (site) {
            case 0 -> token(r, sb.append("https://mp.weixin.qq.com/s/"), 22);
            case 1 -> token(r, sb.append("https://www.bilibili.com/video/BV1"), 9);
            case 2 -> digits(r, sb.append("https://www.zhihu.com/question/"), 9);
            case 3 -> hex(r, sb.append("https://www.xiaohongshu.com/explore/"), 24);
            case 4 -> digits(r, sb.append("https://item.taobao.com/item.htm?id="), 12);
            case 5 -> digits(r, sb.append("https://www.douyin.com/video/"), 19);
            case 6 -> digits(r, sb.append("https://weibo.com/").append(1000 + r.nextInt(9000)).append('/'), 10);
            case 7 -> sb.append("https://github.com/").append(pick(r, REPO_OWNERS)).append('/').append(pick(r, REPOS))
                    .append(r.nextDouble() < 0.5 ? "/pull/" : "/issues/").append(1 + r.nextInt(30_000));
            case 8 -> token(r, sb.append("https://youtu.be/"), 11);
            case 9 -> digits(r, sb.append("https://x.com/").append(pick(r, HANDLES)).append("/status/1"), 18);
            case 10 -> sb.append("https://en.wikipedia.org/wiki/").append(pick(r, WIKI));
            case 11 -> token(r, sb.append("https://docs.google.com/document/d/"), 44).append("/edit");
            case 12 -> token(r, sb.append("https://open.spotify.com/track/"), 22);
            case 13 -> token(r, sb.append("https://www.amazon.com/dp/B0"), 8);
            default -> token(r, sb.append("https://maps.app.goo.gl/"), 17);
        }
    }

    private static StringBuilder token(SplittableRandom r, StringBuilder out, int n) {
        for (int i = 0; i < n; i++) out.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        return out;
    }

    private static void digits(SplittableRandom r, StringBuilder out, int n) {
        out.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < n; i++) out.append((char) ('0' + r.nextInt(10)));
    }

    private static void hex(SplittableRandom r, StringBuilder out, int n) {
        for (int i = 0; i < n; i++) out.append(ALNUM.charAt(r.nextInt(16)));
    }
}
