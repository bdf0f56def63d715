package org.chatvault.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * restic or borg backing up one SQLite file to a repository in a directory of its own, as
 * someone technical would back up a chat database today. Passwords go in the environment;
 * caches, keys and configuration stay in that directory, so nothing touches the user's home.
 */
abstract sealed class PeerTool permits PeerTool.Restic, PeerTool.Borg {
    final Path executable;
    final Path dir;
    final Path repository;
    final Map<String, String> env = new HashMap<>();

    PeerTool(Path executable, Path dir) {
        this.executable = executable;
        this.dir = dir;
        this.repository = dir.resolve("repository");
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("home/.cache").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("home/.config").toString());
    }

    abstract String name();

    /** Creates the repository; not timed. */
    abstract void init();

    /** Backs up {@code file} (by its name, from its directory) as snapshot or archive {@code label}: the whole process, timed. */
    abstract ToolProcess.Result backup(Path file, String label);

    /** Restores the latest backup into the empty directory {@code target}: the whole process, timed. */
    abstract ToolProcess.Result restore(Path target);

    /** The repository's size on disk: the bytes of its files. */
    long repositoryBytes() { return ToolProcess.bytesUnder(repository); }

    ToolProcess.Result run(String step, Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        return ToolProcess.run(name() + " " + step, command, workDir, env);
    }

    /** Fails unless {@code target} holds a file of {@code original}'s name with the same bytes: a restore that lost nothing. */
    void checkRestored(Path original, Path target) {
        try (Stream<Path> found = Files.walk(target)) {
            Path copy = found.filter(p -> p.getFileName().equals(original.getFileName()) && Files.isRegularFile(p)).findFirst()
                    .orElseThrow(() -> new ToolProcess.ToolFailedException(name() + " restored no " + original.getFileName() + " under " + target));
            if (Files.mismatch(original, copy) != -1)
                throw new ToolProcess.ToolFailedException(name() + " restored " + copy + " with other bytes than " + original);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Restic extends PeerTool {
        Restic(Path executable, Path dir, String password) {
            super(executable, dir);
            env.put("RESTIC_REPOSITORY", repository.toString());
            env.put("RESTIC_PASSWORD", password);
            env.put("RESTIC_CACHE_DIR", dir.resolve("cache").toString());
        }

        @Override String name() { return "restic"; }

        @Override void init() { run("init", dir, "init", "--quiet"); }

        @Override ToolProcess.Result backup(Path file, String label) {
            return run("backup", file.getParent(), "backup", "--quiet", "--host", "bench", "--tag", label, file.getFileName().toString());
        }

        @Override ToolProcess.Result restore(Path target) { return run("restore", dir, "restore", "latest", "--quiet", "--target", target.toString()); }
    }

    static final class Borg extends PeerTool {
        Borg(Path executable, Path dir, String password) {
            super(executable, dir);
            env.put("BORG_REPO", repository.toString());
            env.put("BORG_PASSPHRASE", password);
            env.put("BORG_BASE_DIR", dir.resolve("base").toString());
            env.put("BORG_CACHE_DIR", dir.resolve("base/cache").toString());
            env.put("BORG_CONFIG_DIR", dir.resolve("base/config").toString());
            env.put("BORG_SECURITY_DIR", dir.resolve("base/security").toString());
            env.put("BORG_KEYS_DIR", dir.resolve("base/keys").toString());
            // A repository in a fresh temporary directory is new to this cache: say so instead of being asked.
            env.put("BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK", "yes");
            env.put("BORG_RELOCATED_REPO_ACCESS_IS_OK", "yes");
        }

        @Override String name() { return "borg"; }

        @Override void init() { run("init", dir, "init", "--encryption=repokey-blake2"); }

        @Override ToolProcess.Result backup(Path file, String label) {
            return run("create", file.getParent(), "create", "--compression", "zstd,3", "::" + label, file.getFileName().toString());
        }

        @Override ToolProcess.Result restore(Path target) {
            String archive = run("list", dir, "list", "--last", "1", "--short").stdout().strip();
            return run("extract", target, "extract", "::" + archive);
        }
    }
}
