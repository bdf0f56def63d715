package org.chatvault.generator;

import java.util.SplittableRandom;

/**
 * Texts of the messages apps show as cards: a shared location (name, then latitude,longitude), a
 * contact card, a poll. The text is how an export renders them.
 */
final class Cards {
    private record Place(String name, double lat, double lon) {}

    private record Poll(String question, String[] options) {}

    private static final Place[] PLACES = {
            new Place("人民广场", 31.230416, 121.473701), new Place("天安门广场", 39.903182, 116.397755),
            new Place("西湖", 30.242869, 120.148625), new Place("深圳湾公园", 22.502966, 113.953323),
            new Place("春熙路", 30.657339, 104.080944), new Place("解放碑", 29.557087, 106.577053),
            new Place("广州塔", 23.106541, 113.324523), new Place("外滩", 31.240178, 121.490434),
            new Place("三里屯", 39.933566, 116.454239), new Place("中关村", 39.983424, 116.307841),
            new Place("浦东国际机场", 31.144319, 121.808264), new Place("海底捞(五道口店)", 39.992893, 116.337743),
            new Place("Times Square", 40.758896, -73.985130), new Place("Golden Gate Park", 37.769421, -122.486214),
            new Place("Tokyo Station", 35.681236, 139.767125), new Place("Shibuya Crossing", 35.659500, 139.700500),
            new Place("Big Ben", 51.500729, -0.124625), new Place("Central Park", 40.782865, -73.965355),
            new Place("Starbucks Reserve Roastery", 47.614074, -122.328126), new Place("Marina Bay Sands", 1.283404, 103.860314),
    };
    private static final Poll[] ZH_POLLS = {
            new Poll("周五团建去哪？", Names.list("火锅|烧烤|日料|川菜|密室逃脱")),
            new Poll("聚餐时间", Names.list("周六中午|周六晚上|周日中午|下周再说")),
            new Poll("年会节目选哪个？", Names.list("合唱|小品|舞蹈|抽奖加码")),
            new Poll("下次读哪本书？", Names.list("三体|活着|百年孤独|人类简史")),
    };
    private static final Poll[] EN_POLLS = {
            new Poll("Where should we eat?", Names.list("Pizza|Sushi|Tacos|Thai|Burgers")),
            new Poll("Best day for the trip?", Names.list("Saturday|Sunday|Next weekend|Either works")),
            new Poll("Team lunch budget?", Names.list("$15|$25|$40|Company pays")),
            new Poll("Next book?", Names.list("Dune|The Hobbit|Sapiens|Project Hail Mary")),
    };

    private final StringBuilder sb = new StringBuilder(256);

    String location(SplittableRandom r) {
        Place p = PLACES[r.nextInt(PLACES.length)];
        sb.setLength(0);
        sb.append(p.name()).append('\n');
        // Jitter of up to ~100 m: the same place is shared from slightly different spots.
        degrees(p.lat() + (r.nextDouble() - 0.5) * 0.002);
        sb.append(',');
        degrees(p.lon() + (r.nextDouble() - 0.5) * 0.002);
        return sb.toString();
    }

    String contact(SplittableRandom r, String name, boolean chinese) {
        sb.setLength(0);
        sb.append(chinese ? "[名片] " : "Contact: ").append(name).append('\n');
        if (chinese) {
            sb.append("+86 1").append((char) ('3' + r.nextInt(7))).append(r.nextInt(10)).append(' ');
            fixedDigits(r, 4).append(' ');
            fixedDigits(r, 4);
        } else {
            sb.append("+1 (").append(200 + r.nextInt(800)).append(") 555-0");
            fixedDigits(r, 3);
        }
        return sb.toString();
    }

    String poll(SplittableRandom r, boolean chinese) {
        Poll p = chinese ? pick(r, ZH_POLLS) : pick(r, EN_POLLS);
        sb.setLength(0);
        sb.append(chinese ? "📊 投票：" : "📊 Poll: ").append(p.question());
        int n = 2 + r.nextInt(p.options().length - 1);
        int first = r.nextInt(p.options().length);
        for (int i = 0; i < n; i++) sb.append("\n○ ").append(p.options()[(first + i) % p.options().length]);
        return sb.toString();
    }

    private void degrees(double value) {
        long micro = Math.round(value * 1e6);
        if (micro < 0) {
            sb.append('-');
            micro = -micro;
        }
        sb.append(micro / 1_000_000).append('.');
        long frac = micro % 1_000_000;
        for (long d = 100_000; d > 0; d /= 10) sb.append((char) ('0' + frac / d % 10));
    }

    private StringBuilder fixedDigits(SplittableRandom r, int n) {
        for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
        return sb;
    }

    private static Poll pick(SplittableRandom r, Poll[] polls) { return polls[r.nextInt(polls.length)]; }
}
