package org.chatvault.client;

import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multi-device simulation (docs/SYNC.md §7) over many seeds. CI runs {@value #CI_SEEDS} seeds
 * of {@value #CI_STEPS} steps; more with {@code -Dchatvault.sim.seeds=N -Dchatvault.sim.first-seed=S
 * -Dchatvault.sim.steps=K}. A failure names its seed and step: rerun it with
 * {@code -Dchatvault.sim.first-seed=SEED -Dchatvault.sim.seeds=1}.
 */
class MultiDeviceSimulationTest {
    static final int CI_SEEDS = 20;
    static final int CI_STEPS = 200;

    @TempDir Path dir;

    static LongStream seeds() {
        long first = Long.getLong("chatvault.sim.first-seed", 1);
        return LongStream.range(first, first + Integer.getInteger("chatvault.sim.seeds", CI_SEEDS));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDeviceConvergesOnEveryMessageAndFile(long seed) {
        int steps = Integer.getInteger("chatvault.sim.steps", CI_STEPS);
        try (TestVault vault = new TestVault(dir)) {
            MultiDeviceSimulation sim = new MultiDeviceSimulation(vault, seed, 3 + (int) Math.floorMod(seed, 3));
            try {
                sim.run(steps);
                System.out.println("simulation seed " + seed + ": " + steps + " steps passed " + sim.stepCounts);
            } finally {
                sim.close();
            }
        }
    }
}
