package org.chatvault.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.restore.RestoreReport;

/**
 * The timed window: every device on a thread of its own, pausing a random think time between
 * iterations, so the servers see a population of independent phones rather than a closed loop
 * that sends the next request the moment the last one returns. Platform threads, not virtual
 * ones: the devices spend much of their work inside SQLite's native code, which would pin the
 * few carrier threads of a 2-core machine.
 */
record LoadRun(LoadOptions options, Measurements measurements) {
    /** Runs until the deadline and the last iteration started before it ends; returns the elapsed time. */
    Duration run(List<SimulatedDevice> devices) throws InterruptedException {
        for (SimulatedDevice d : devices) d.observe(measurements);
        long start = System.nanoTime();
        long deadline = start + options.duration().toNanos();
        List<Thread> threads = new ArrayList<>(devices.size());
        for (SimulatedDevice d : devices)
            threads.add(Thread.ofPlatform().name("device-" + d.index()).start(() -> live(d, deadline)));
        for (Thread t : threads) t.join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (SimulatedDevice d : devices) d.observe(null);
        return elapsed;
    }

    private void live(SimulatedDevice device, long deadline) {
        SplittableRandom random = device.random();
        // Phones do not start in step: the first iteration comes anywhere within one think time.
        if (!pause(random.nextLong(options.thinkMax().toNanos() + 1), deadline)) return;
        do {
            iterate(device, random);
        } while (pause(think(random), deadline));
    }

    private void iterate(SimulatedDevice device, SplittableRandom random) {
        boolean restore = options.restoreOneIn() > 0 && random.nextInt(options.restoreOneIn()) == 0;
        String operation = restore ? Measurements.RESTORE : Measurements.BACKUP;
        int burst = options.burstMin() + random.nextInt(options.burstMax() - options.burstMin() + 1);
        long t0 = System.nanoTime();
        try {
            if (restore) {
                RestoreReport r = device.restoreAsNewPhone();
                measurements.operation(operation, System.nanoTime() - t0);
                measurements.messagesRestored.add(r.messages());
                measurements.bytesFetched.add(r.bytesFetched());
            } else {
                BackupReport r = device.backUpBurst(burst);
                measurements.operation(operation, System.nanoTime() - t0);
                measurements.messagesBackedUp.add(burst);
                measurements.bytesUploaded.add(r.bytesUploaded());
            }
        } catch (RuntimeException e) {
            measurements.operationFailed(operation, System.nanoTime() - t0, device.index(), e);
        }
    }

    private long think(SplittableRandom random) {
        long min = options.thinkMin().toNanos(), max = options.thinkMax().toNanos();
        return min + (max > min ? random.nextLong(max - min + 1) : 0);
    }

    /** Sleeps unless that would end past the deadline; tells whether the device goes on. */
    private static boolean pause(long nanos, long deadline) {
        if (System.nanoTime() + nanos >= deadline) return false;
        try {
            Thread.sleep(Duration.ofNanos(nanos));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
