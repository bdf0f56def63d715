package org.chatvault.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.bench.e2e.ServerProcess;

/**
 * The servers under load and whatever they stand on, stopped in reverse order of starting:
 * servers before the bucket and the schema they use.
 */
final class ServerFleet implements AutoCloseable {
    private final List<URI> uris = new ArrayList<>();
    private final List<ServerProcess> processes = new ArrayList<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String backing = "";

    private ServerFleet() {}

    static ServerFleet start(LoadOptions options, Path work) throws Exception {
        ServerFleet fleet = new ServerFleet();
        try {
            switch (options.setup()) {
                case URLS -> fleet.uris.addAll(options.urls());
                case EMBEDDED -> fleet.launch(work.resolve("server"), Map.of());
                case PG_S3 -> fleet.pgS3(work);
            }
        } catch (Exception e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private void pgS3(Path work) throws Exception {
        PostgresSchema schema = PostgresSchema.fromEnvironment();
        started.push(schema);
        S3Bucket bucket = new S3Bucket(Files.createDirectories(work.resolve("s3")));
        started.push(bucket);
        Map<String, String> settings = new HashMap<>(schema.serverSettings());
        settings.putAll(bucket.serverSettings());
        // Started one after the other: the first migrates the schema, the second finds it ready.
        launch(work.resolve("server-1"), settings);
        launch(work.resolve("server-2"), settings);
        backing = " sharing PostgreSQL schema " + schema.name() + " and s3proxy at " + bucket.endpoint();
    }

    /**
     * Every simulated device connects from this host's one address, which the per-address abuse
     * limits would take for one client making hundreds of logins and registrations.
     */
    static final Map<String, String> ONE_ADDRESS_FOR_ALL_DEVICES = Map.of(
            "CHATVAULT_LIMITS_LOGIN_PER_ADDRESS", "off",
            "CHATVAULT_LIMITS_REGISTER_PER_ADDRESS", "off",
            "CHATVAULT_LIMITS_KEY_SLOT_READ_PER_ADDRESS", "off",
            "CHATVAULT_LIMITS_LOGIN_HASH_PER_ADDRESS", "100000");

    private void launch(Path dataDir, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(ONE_ADDRESS_FOR_ALL_DEVICES);
        all.putAll(settings);
        ServerProcess p = new ServerProcess(Files.createDirectories(dataDir), all);
        started.push(p);
        processes.add(p);
        uris.add(p.uri());
    }

    List<URI> uris() { return List.copyOf(uris); }

    /** E.g. "2 server JVMs sharing PostgreSQL schema load_… and s3proxy at …", for the report. */
    String description() {
        return processes.isEmpty() ? "servers at " + uris : processes.size() + " server JVM(s)" + backing;
    }

    /** The warnings and errors the servers logged, with stack traces, to explain errors seen by clients. */
    List<String> serverProblems(int limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            for (String line : processes.get(i).problems()) if (out.size() < limit) out.add("server " + (i + 1) + ": " + line);
        }
        return out;
    }

    @Override public void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }
}
