package org.chatvault.bench.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.chatvault.bench.HeapPeaks;
import org.chatvault.bench.e2e.ServerProcess;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.MediaFiles;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.core.chunking.Chunk;
import org.chatvault.core.chunking.Chunker;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.chunking.FastCdc;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultKeys;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * Media backup throughput (issue 4), all figures from the same run on the same files: Chatvault
 * end to end through a server in its own JVM on loopback; restic backing up the same directory to
 * a local repository; and the in-process ceiling of the primitives the pipeline uses (read,
 * FastCDC, HMAC-SHA256 id, AES-256-GCM), one thread, as the pipeline seals on one thread.
 *
 * <p>The media set is incompressible (random bytes, as JPEG and MP4 are to zstd): photos of 100 kB
 * to 5 MB and videos of 10 to 200 MB, about a third of the bytes in photos.
 */
public final class MediaBenchmark {
    private static final long MB = 1_000_000;
    private static final long MIB = 1024 * 1024;

    record Run(double chatvaultMBps, double resticMBps, double ceilingMBps, long bytes, long clientPeakHeap, long serverPeakRss) {}

    private MediaBenchmark() {}

    public static void main(String[] args) throws Exception {
        long size = 1024 * MIB;
        int runs = 3;
        long seed = 2026;
        Path restic = Path.of("/usr/bin/restic");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mib" -> size = Long.parseLong(args[++i]) * MIB;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--restic" -> restic = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --size-mib N (default 1024), --runs N (3), --seed N, --restic PATH");
            }
        }
        if (!Files.isExecutable(restic))
            throw new IllegalStateException("restic not found at " + restic + ": install Debian's restic package (apt-get install restic) or pass --restic PATH");
        Path work = Files.createTempDirectory("chatvault-media-bench");
        try {
            Path template = work.resolve("template/local.db");
            long t0 = System.nanoTime();
            MediaSet set = MediaSetFiles.write(template, size, seed);
            System.out.printf("media set: %,d files, %,d bytes (%d photos, %d videos) in %.1f s%n", set.files(), set.bytes(), set.photos(),
                    set.videos(), (System.nanoTime() - t0) / 1e9);
            List<Run> results = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                Run run = once(work.resolve("run" + r), template, set, restic);
                results.add(run);
                System.out.printf("run %d: chatvault %.0f MB/s, restic %.0f MB/s, ceiling %.0f MB/s, client heap %d MiB, server RSS %d MiB%n", r,
                        run.chatvaultMBps(), run.resticMBps(), run.ceilingMBps(), run.clientPeakHeap() / MIB, run.serverPeakRss() / MIB);
            }
            print(results, set);
        } finally {
            org.chatvault.generator.Directories.deleteTree(work);
        }
    }

    /** What {@link #write} made. */
    record MediaSet(int files, long bytes, int photos, int videos) {}

    private static Run once(Path dir, Path template, MediaSet set, Path restic) throws Exception {
        Files.createDirectories(dir.resolve("phone"));
        Path db = dir.resolve("phone/local.db");
        Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);
        // The phone reads the template's files in place, as restic does.
        Files.createSymbolicLink(MediaFiles.besideDatabase(db).root(), MediaFiles.besideDatabase(template).root());

        settleDisk();
        double ceiling = ceiling(MediaFiles.besideDatabase(template).root(), set.bytes());

        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
        double chatvault;
        long heap;
        long rss;
        try (ServerProcess server = new ServerProcess(dir.resolve("server"))) {
            AccountService.Created created = new AccountService(new ProfileStore(dir.resolve("phone"))).create(server.uri(), "bench", password, null);
            try (Session s = created.session(); LocalStore store = LocalStore.open(db)) {
                new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
                settleDisk();
                System.gc();
                HeapPeaks.reset();
                MediaBackupService.Report r = new MediaBackupService(s, store, Clock.systemUTC()).run(MediaBackupService.Listener.NONE);
                heap = HeapPeaks.read();
                if (r.bytesRead() != set.bytes()) throw new IllegalStateException("backed up " + r.bytesRead() + " of " + set.bytes() + " bytes");
                chatvault = r.bytesRead() / (double) MB / (r.elapsed().toNanos() / 1e9);
                System.out.printf("  chatvault: %.2f s, of which uploads in flight %.2f s, sealing waited for the uploader %.2f s%n",
                        r.elapsed().toMillis() / 1e3, r.serverMillis() / 1e3, r.waitedForUploadMillis() / 1e3);
            }
            rss = server.peakRssBytes();
        }
        settleDisk();
        double resticMBps = restic(restic, dir.resolve("restic-repo"), MediaFiles.besideDatabase(template).root(), set.bytes());
        return new Run(chatvault, resticMBps, ceiling, set.bytes(), heap, rss);
    }

    /** read + FastCDC + HMAC-SHA256 id + AES-256-GCM over every file, one thread, nothing sent anywhere. */
    private static double ceiling(Path mediaRoot, long expectedBytes) throws IOException {
        try (MasterKey mk = MasterKey.generate(new SecureRandom()); VaultKeys keys = mk.deriveVaultKeys()) {
            return ceiling(mediaRoot, expectedBytes, keys);
        }
    }

    private static double ceiling(Path mediaRoot, long expectedBytes, VaultKeys keys) throws IOException {
        ObjectCodec codec = new ObjectCodec(keys, new SecureRandom());
        FastCdc cdc = FastCdc.keyed(keys, ChunkerParams.DEFAULT); // as the client does: the account's keyed table
        long bytes = 0;
        long t0 = System.nanoTime();
        List<Path> files;
        try (var walk = Files.walk(mediaRoot)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                Chunker chunker = Chunker.of(ch, cdc, cdc.params().max());
                for (Chunk c; (c = chunker.next()) != null; ) {
                    codec.seal(ObjectKind.MEDIA_CHUNK, 202611, c.copy(), false);
                    bytes += c.length();
                }
            }
        }
        if (bytes != expectedBytes) throw new IllegalStateException("ceiling read " + bytes + " of " + expectedBytes + " bytes");
        return bytes / (double) MB / ((System.nanoTime() - t0) / 1e9);
    }

    private static double restic(Path restic, Path repo, Path source, long bytes) throws IOException, InterruptedException {
        Map<String, String> env = Map.of("RESTIC_PASSWORD", "chatvault-bench", "RESTIC_REPOSITORY", repo.toString());
        run(List.of(restic.toString(), "init", "--quiet"), env);
        long t0 = System.nanoTime();
        run(List.of(restic.toString(), "backup", "--quiet", source.toString()), env);
        return bytes / (double) MB / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Writes back what earlier phases left dirty in the page cache, so no phase pays for the
     * previous one's writes (each run writes gigabytes: packs, restic's repository).
     */
    private static void settleDisk() throws IOException, InterruptedException {
        run(List.of("sync"), Map.of());
    }

    private static void run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0)
            throw new IOException(String.join(" ", command) + " failed: " + out);
    }

    private static void print(List<Run> runs, MediaSet set) {
        double cv = median(runs, Run::chatvaultMBps);
        double rs = median(runs, Run::resticMBps);
        double ceil = median(runs, Run::ceilingMBps);
        double heap = median(runs, Run::clientPeakHeap) / MIB;
        double rss = median(runs, Run::serverPeakRss) / MIB;
        System.out.printf("%nmedia backup, %,d incompressible files, %,d bytes, median of %d runs%n", set.files(), set.bytes(), runs.size());
        System.out.printf("| %-52s | %-14s | %-18s | %s |%n", "figure", "value", "goal", "met");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(16), "-".repeat(20), "-----");
        row("Chatvault media backup (end to end, server JVM)", String.format("%.0f MB/s", cv), "", true);
        row("restic 0.14 backup to a local repository", String.format("%.0f MB/s", rs), "", true);
        row("in-process ceiling (read+FastCDC+HMAC+AES-GCM)", String.format("%.0f MB/s", ceil), "", true);
        row("Chatvault / restic", String.format("%.2f×", cv / rs), "≥ 2×", cv / rs >= 2);
        row("Chatvault / ceiling", String.format("%.0f %%", 100 * cv / ceil), "≥ 50 %", cv / ceil >= 0.5);
        row("client peak heap", String.format("%.0f MiB", heap), "≤ 1,024 MiB", heap <= 1024);
        row("server peak RSS (heap capped at 1 GiB)", String.format("%.0f MiB", rss), "", true);
    }

    private static void row(String what, String value, String goal, boolean met) {
        System.out.printf("| %-52s | %-14s | %-18s | %s |%n", what, value, goal, goal.isEmpty() ? "" : met ? "yes" : "NO");
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Writes the media set (see the class comment): one conversation per 40 files, files beside the LocalStore. */
    static final class MediaSetFiles {
        private MediaSetFiles() {}

        static MediaSet write(Path db, long size, long seed) throws IOException {
            Files.createDirectories(db.getParent());
            SplittableRandom r = new SplittableRandom(seed);
            byte[] buffer = new byte[(int) MIB];
            long bytes = 0;
            int files = 0, photos = 0, videos = 0;
            long now = Clock.systemUTC().millis() - 3_600_000L;
            try (LocalStore store = LocalStore.open(db)) {
                Conversation conv = null;
                List<Message> batch = new ArrayList<>();
                while (bytes < size) {
                    if (files % 40 == 0) {
                        if (conv != null) store.addMessages(batch);
                        batch = new ArrayList<>();
                        conv = new Conversation("chat-" + files / 40, ConversationKind.GROUP, "Media " + files / 40, List.of("me", "ann", "bo"));
                        store.putConversation(conv);
                    }
                    boolean video = r.nextDouble() < 0.08; // ~8 % of files are videos, ~2/3 of the bytes
                    long fileSize = video ? logUniform(r, 10 * MB, 200 * MB) : logUniform(r, 100_000, 5 * MB);
                    fileSize = Math.min(fileSize, size - bytes + 100_000);
                    String id = HexFormat.of().formatHex(longBytes(r.nextLong(), r.nextLong()));
                    long n = fileSize;
                    store.media().write(id, out -> {
                        long left = n;
                        while (left > 0) {
                            int k = (int) Math.min(buffer.length, left);
                            r.nextBytes(buffer);
                            out.write(buffer, 0, k);
                            left -= k;
                        }
                    }, false);
                    Attachment a = new Attachment(id, (video ? "VID_" : "IMG_") + files + (video ? ".mp4" : ".jpg"),
                            video ? "video/mp4" : "image/jpeg", fileSize, null);
                    batch.add(new Message(conv.id(), "m" + files, now - (long) files * 60_000, "ann", video ? MessageType.VIDEO : MessageType.IMAGE,
                            "", List.of(a), null, null, null, false));
                    bytes += fileSize;
                    files++;
                    if (video) videos++;
                    else photos++;
                }
                store.addMessages(batch);
            }
            return new MediaSet(files, bytes, photos, videos);
        }

        private static long logUniform(SplittableRandom r, long min, long max) {
            return (long) Math.exp(Math.log(min) + r.nextDouble() * (Math.log(max) - Math.log(min)));
        }

        private static byte[] longBytes(long a, long b) {
            byte[] out = new byte[16];
            for (int i = 0; i < 8; i++) {
                out[i] = (byte) (a >>> (8 * i));
                out[8 + i] = (byte) (b >>> (8 * i));
            }
            return out;
        }
    }
}
