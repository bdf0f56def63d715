package org.chatvault.bench.jmh;

import java.util.SplittableRandom;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.chunking.FastCdc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * FastCDC cut-point search over 64 MiB of random bytes in memory with the product parameters
 * (256 KiB / 1 MiB / 4 MiB). One operation chunks the whole buffer: bytes/s = 64 MiB × ops/s.
 */
public class FastCdcBenchmark extends ThroughputBenchmark {
    static final int SIZE = 64 * 1024 * 1024;
    private byte[] data;
    private FastCdc cdc;

    @Setup
    public void setUp() {
        data = new byte[SIZE];
        new SplittableRandom(7).nextBytes(data);
        cdc = new FastCdc(ChunkerParams.DEFAULT);
    }

    /** Chunks all 64 MiB; returns the chunk count so the work is not optimized away. */
    @Benchmark
    public int chunk64MiB() {
        int chunks = 0;
        for (int off = 0; off < SIZE; chunks++) off += cdc.nextCut(data, off, SIZE - off);
        return chunks;
    }
}
