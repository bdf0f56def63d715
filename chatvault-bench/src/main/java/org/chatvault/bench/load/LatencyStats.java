package org.chatvault.bench.load;

/** Latency of one endpoint or operation over the timed window; times in milliseconds. */
public record LatencyStats(String name, long count, long errors, double p50Ms, double p99Ms, double maxMs) {}
