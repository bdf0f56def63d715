package org.chatvault.server.abuse;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket: at most {@code capacity} actions at once, refilled evenly at {@code capacity}
 * per {@code period}. Written {@code 30/1m} (30 a minute, 30 in a burst) in settings, or
 * {@code off} for {@link #UNLIMITED}.
 */
public record Rate(long capacity, Duration period) {
    /** No limit (a setting of {@code off}). */
    public static final Rate UNLIMITED = new Rate(Long.MAX_VALUE, Duration.ofNanos(1));
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*/\\s*(\\d{0,9})\\s*(ms|s|m|h|d)");

    public Rate {
        Objects.requireNonNull(period, "period");
        if (capacity < 1) throw new IllegalArgumentException("a rate allows at least 1 action");
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("a rate's period must be positive");
    }

    public static Rate of(long capacity, Duration period) {
        return new Rate(capacity, period);
    }

    public boolean unlimited() {
        return this.equals(UNLIMITED);
    }

    /**
     * Reads {@code N/P} with a period such as {@code 1m}, {@code 15m}, {@code 1h}, {@code 1d} (a
     * missing number means 1: {@code 10/h}), or {@code off}.
     *
     * @throws IllegalArgumentException saying what is wrong, for a config message
     */
    public static Rate parse(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("off") || t.equals("unlimited")) return UNLIMITED;
        Matcher m = FORM.matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("is not a rate (write e.g. 30/1m, 10/1h or off)");
        long n = Long.parseLong(m.group(1));
        long units = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        if (n < 1 || units < 1) throw new IllegalArgumentException("must allow at least 1 action per a period longer than zero");
        Duration unit = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new Rate(n, unit.multipliedBy(units));
    }

    /** The setting form: {@code 30/60s}, or {@code off}. */
    @Override
    public String toString() {
        return unlimited() ? "off" : capacity + "/" + period.toMillis() + "ms";
    }
}
