package org.chatvault.bench.compare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One whole process of a tool (the Chatvault CLI, restic, borg), timed from start to exit as a
 * user at a shell would feel it. Output is kept in memory, never in files: the CLI prints the
 * recovery key.
 */
final class ToolProcess {
    private static final int TAIL_LINES = 20;
    /** GNU time: writes the peak resident memory of the command it runs (in KiB) to a file, out of the command's own output. */
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private ToolProcess() {}

    /** What the process printed, how long it took, and its peak resident memory (NaN where /usr/bin/time is absent). */
    record Result(double wallSeconds, String stdout, String stderr, double peakRssBytes) {}

    /** A tool that exited with an error: the message names it and ends with the tail of what it printed. */
    static final class ToolFailedException extends RuntimeException {
        ToolFailedException(String message) { super(message); }
    }

    /**
     * Runs {@code command} in {@code workDir} with an environment holding nothing of Chatvault's,
     * restic's or borg's from this JVM's, plus {@code env} (where secrets go, never on the command line).
     *
     * @throws ToolFailedException when it exits with a status other than 0
     */
    static Result run(String what, List<String> command, Path workDir, Map<String, String> env) {
        Path rss = null;
        List<String> measured = command;
        if (Files.isExecutable(GNU_TIME)) {
            try {
                rss = Files.createTempFile("chatvault-compare-rss", ".txt");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            measured = new java.util.ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rss.toString()));
            measured.addAll(command);
        }
        try {
            return run(what, measured, workDir, env, rss);
        } finally {
            if (rss != null) rss.toFile().delete();
        }
    }

    private static Result run(String what, List<String> command, Path workDir, Map<String, String> env, Path rss) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(k -> k.startsWith("CHATVAULT_") || k.startsWith("RESTIC_") || k.startsWith("BORG_"));
        builder.environment().putAll(env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ToolFailedException(what + " could not start: " + e.getMessage());
        }
        Thread readOut = drain(process.getInputStream(), out);
        Thread readErr = drain(process.getErrorStream(), err);
        int exit;
        try {
            exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            readOut.join();
            readErr.join();
            Result result = new Result(wall, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), peakRss(rss));
            if (exit != 0) throw new ToolFailedException(what + " failed (exit " + exit + "); the end of its output:\n" + tail(result));
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolFailedException(what + " was interrupted");
        }
    }

    /** The peak RSS GNU time wrote, in bytes; NaN when it wrote none (no /usr/bin/time, or the command did not start). */
    static double peakRss(Path file) {
        try {
            if (file == null || !Files.exists(file)) return Double.NaN;
            List<String> lines = Files.readAllLines(file);
            // The figure is the last line; a command killed by a signal gets a "Command terminated" line before it.
            String last = lines.isEmpty() ? "" : lines.getLast().strip();
            return last.matches("\\d+") ? Long.parseLong(last) * 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (in) {
                in.transferTo(into);
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** The last lines of what a failed tool printed: its errors, else its output. */
    static String tail(Result r) {
        String text = r.stderr().isBlank() ? r.stdout() : r.stderr();
        List<String> lines = Arrays.asList(text.strip().split("\\R"));
        return "  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** Bytes of the regular files under {@code dir} (their length, not their blocks): a repository's or data directory's size on disk. */
    static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a temporary file the tool removed meanwhile
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
