package org.chatvault.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Latencies of one endpoint or operation. Recorded in microseconds with 3 significant digits, so
 * a percentile is within 0.1% of the true value whatever its size, from 1 µs up to an hour.
 */
final class Timer {
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private final ConcurrentHistogram histogram = new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
    private final LongAdder errors = new LongAdder();

    void record(long nanos, boolean failed) {
        histogram.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(nanos), 1, HIGHEST_MICROS));
        if (failed) errors.increment();
    }

    LatencyStats stats(String name) {
        long n = histogram.getTotalCount();
        if (n == 0) return new LatencyStats(name, 0, errors.sum(), 0, 0, 0);
        return new LatencyStats(name, n, errors.sum(), ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getMaxValue()));
    }

    private static double ms(long micros) { return micros / 1_000.0; }
}
