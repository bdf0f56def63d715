package org.chatvault.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in its own JVM (heap capped at 1 GiB) so client and server memory are measured
 * apart and the benchmark crosses a real process boundary, as a phone and a cloud do.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+?)/? with data");
    private final Process process;
    private final URI uri;

    ServerProcess(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.chatvault.cli.Main", "server", "--port", "0", "--data-dir", dataDir.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        URI found = null;
        for (String line; found == null && (line = out.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) found = URI.create(m.group(1) + "/");
        }
        if (found == null) throw new IOException("the server process did not start (exit " + exitCode(process) + ")");
        uri = found;
        // Keep draining the server's output so it never blocks on a full pipe; it ends when the process does.
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (out.readLine() != null) { }
            } catch (IOException ignored) {
                // the process was stopped
            }
        });
    }

    URI uri() { return uri; }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Peak resident memory of the server process in bytes (VmHWM), or -1 where /proc is absent. */
    long peakRssBytes() {
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
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
