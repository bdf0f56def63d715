package org.chatvault.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The simulated phones, made before the timed window. Account creation costs an Argon2 hash on
 * the client and two on the server, so devices are made a few at a time: enough to keep both
 * sides busy, few enough not to queue hundreds of 19 MiB hashes.
 */
final class DevicePopulation implements AutoCloseable {
    private final List<SimulatedDevice> devices;

    private DevicePopulation(List<SimulatedDevice> devices) { this.devices = devices; }

    static DevicePopulation prepare(LoadOptions options, List<URI> servers, Path dir) throws Exception {
        // Usernames are unique per run so that --url can point at a server that has seen earlier runs.
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        String run = hex.formatHex(random.generateSeed(4));
        char[] password = hex.formatHex(random.generateSeed(16)).toCharArray();
        long historyEnd = Clock.systemUTC().millis() - 3_600_000L;
        int parallel = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        List<SimulatedDevice> made = new ArrayList<>(options.devices());
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<SimulatedDevice>> futures = new ArrayList<>();
            for (int i = 0; i < options.devices(); i++) {
                int index = i;
                URI server = servers.get(i % servers.size());
                futures.add(pool.submit(() -> SimulatedDevice.prepare(index, server, "load-" + run + "-" + index, password,
                        Files.createDirectories(dir.resolve("device-" + index)), options, historyEnd)));
            }
            Exception failure = null;
            for (Future<SimulatedDevice> f : futures) {
                try {
                    made.add(f.get());
                    if (made.size() % 50 == 0 && made.size() < options.devices()) System.out.printf("  %d devices ready%n", made.size());
                } catch (ExecutionException e) {
                    if (failure == null) failure = new IllegalStateException("preparing a device failed: " + e.getCause(), e.getCause());
                }
            }
            if (failure != null) {
                made.forEach(SimulatedDevice::close);
                throw failure;
            }
        }
        return new DevicePopulation(made);
    }

    List<SimulatedDevice> devices() { return devices; }

    @Override public void close() { devices.forEach(SimulatedDevice::close); }
}
