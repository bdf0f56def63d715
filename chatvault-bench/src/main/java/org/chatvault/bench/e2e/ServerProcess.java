package org.chatvault.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in its own JVM (heap capped at 1 GiB) so client and server memory are measured
 * apart and the benchmark crosses a real process boundary, as a phone and a cloud do.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+?)/? with data");
    private static final Pattern THROWABLE = Pattern.compile("[\\w.$]+(Exception|Error)\\b");
    private static final int TAIL_LINES = 200;
    private static final int PROBLEM_LINES = 400;
    private final Process process;
    private final URI uri;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<String> problems = new java.util.ArrayList<>();
    private boolean inProblem;

    /** The default server: SQLite and files under {@code dataDir}, unmetered (see below). */
    public ServerProcess(Path dataDir) throws IOException { this(dataDir, Map.of()); }

    /**
     * A server with extra settings passed as {@code CHATVAULT_*} environment variables, so that
     * passwords never appear on a command line. Settings inherited from this JVM's environment
     * are dropped: the caller alone decides what the server runs on.
     */
    public ServerProcess(Path dataDir, Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.chatvault.server.ChatvaultServer"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(k -> k.startsWith("CHATVAULT_") && !k.equals("CHATVAULT_LOG_LEVEL"));
        builder.environment().put("CHATVAULT_SERVER_PORT", "0");
        builder.environment().put("CHATVAULT_DATA_DIR", dataDir.toString());
        // The benchmarks measure the engine on years of history with media, which the built-in free plan would refuse or expire.
        builder.environment().put("CHATVAULT_BILLING_PLANS", "unmetered");
        builder.environment().putAll(settings);
        process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        URI found = null;
        for (String line; found == null && (line = out.readLine()) != null; ) {
            remember(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) found = URI.create(m.group(1) + "/");
        }
        if (found == null)
            throw new IOException("the server process did not start (exit " + exitCode(process) + "); its last output:\n" + String.join("\n", tail()));
        uri = found;
        // Keep draining the server's output so it never blocks on a full pipe; it ends when the process does.
        Thread.ofPlatform().daemon().start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) remember(line);
            } catch (IOException ignored) {
                // the process was stopped
            }
        });
    }

    public URI uri() { return uri; }

    private synchronized void remember(String line) {
        if (tail.size() == TAIL_LINES) tail.removeFirst();
        tail.addLast(line);
        // Warnings and errors with their stack traces, kept apart: under load they scroll out of the tail.
        inProblem = line.contains(" WARN ") || line.contains(" ERROR ")
                || inProblem && (line.startsWith("\t") || line.startsWith(" ") || line.startsWith("Caused by") || THROWABLE.matcher(line).lookingAt());
        if (inProblem && problems.size() < PROBLEM_LINES) problems.add(line);
    }

    /** The first warnings and errors the server logged, with their stack traces (at most 400 lines). */
    public synchronized List<String> problems() { return List.copyOf(problems); }

    /** The server's last lines of output (at most 200), to explain a failure. */
    public synchronized List<String> tail() { return List.copyOf(tail); }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Peak resident memory of the server process in bytes (VmHWM), or -1 where /proc is absent. */
    public long peakRssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
