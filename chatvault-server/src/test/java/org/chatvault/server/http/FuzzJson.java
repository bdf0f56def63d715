package org.chatvault.server.http;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * JSON text for {@link FuzzRequests}, written by hand rather than by Jackson so it can hold what a
 * well-behaved writer refuses to produce: lone surrogates, numbers of any size, NaN, nesting
 * thousands deep.
 */
final class FuzzJson {
    private FuzzJson() {}

    /** Any JSON value, nested at most {@code depth} deep. */
    static Object anyValue(SplittableRandom r, int depth) {
        int choice = r.nextInt(depth > 0 ? 11 : 9);
        return switch (choice) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> new BigInteger(64 + r.nextInt(400), new java.util.Random(r.nextLong())).negate();
            case 5 -> r.nextDouble() * Math.pow(10, r.nextInt(-300, 300));
            case 6 -> r.nextInt(20) == 0 ? Double.NaN : -0.0;
            case 7 -> "\uD83D\uDE00 " + r.nextInt();
            case 8 -> r.nextInt(2) == 0 ? "\uDC00" : "0".repeat(r.nextInt(100));
            case 9 -> {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) l.add(anyValue(r, depth - 1));
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) m.put(i % 2 == 0 ? "ids" : "k" + r.nextInt(9), anyValue(r, depth - 1));
                yield m;
            }
        };
    }

    /** {@code depth} nested arrays or objects, closed or (now and then) left open. */
    static byte[] deeplyNested(SplittableRandom r, int depth) {
        boolean arrays = r.nextBoolean();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) b.append(arrays ? "[" : "{\"ids\":");
        b.append(r.nextBoolean() ? "1" : "\"x\"");
        if (r.nextInt(4) != 0) for (int i = 0; i < depth; i++) b.append(arrays ? "]" : "}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A body whose fields hold numbers far past any integer type, in several spellings. */
    static byte[] hugeNumberIn(SplittableRandom r, byte[] original) {
        String digits = "9".repeat(20 + r.nextInt(r.nextInt(10) == 0 ? 20_000 : 400));
        String n = switch (r.nextInt(4)) {
            case 0 -> digits;
            case 1 -> "-" + digits;
            case 2 -> "1e" + digits.substring(0, Math.min(digits.length(), 12));
            default -> "0." + digits + "e-" + r.nextInt(99_999);
        };
        return ("{\"baseVersion\":" + n + ",\"bucket\":" + n + ",\"root\":" + n + ",\"ids\":[" + n + "],\"username\":" + n + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** UTF-8 JSON text; a lone surrogate in a string is written as a {@code \\u} escape, which UTF-8 cannot carry. */
    static byte[] write(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder b, Object v) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) b.append(',');
                    first = false;
                    string(b, String.valueOf(e.getKey()));
                    b.append(':');
                    append(b, e.getValue());
                }
                b.append('}');
            }
            case List<?> l -> {
                b.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) b.append(',');
                    append(b, l.get(i));
                }
                b.append(']');
            }
            default -> b.append(v); // numbers (NaN and Infinity included, which is not JSON) and booleans
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pairedHigh) {
                b.append(c).append(s.charAt(++i));
            } else if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }
}
