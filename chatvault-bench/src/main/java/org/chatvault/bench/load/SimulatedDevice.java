package org.chatvault.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import org.chatvault.generator.Directories;
import org.chatvault.client.ClientException;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.restore.RestoreService;

/**
 * One phone of the population: its own account, a LocalStore with a generated history under its
 * own directory, and a committed first backup. Each iteration either backs up a burst of new
 * messages or restores the whole vault into an empty store, as a newly set-up phone would.
 * Used by one thread at a time.
 */
final class SimulatedDevice implements AutoCloseable {
    private final int index;
    private final Path dir;
    private final Session session;
    private final LocalStore store;
    private final SplittableRandom random;
    private final Clock clock = Clock.systemUTC();
    private long version;
    private int iteration;

    private SimulatedDevice(int index, Path dir, Session session, LocalStore store, long seed, long version) {
        this.index = index;
        this.dir = dir;
        this.session = session;
        this.store = store;
        this.random = new SplittableRandom(seed);
        this.version = version;
    }

    /**
     * Creates the account on {@code server}, fills the history and backs it all up. Ephemeral
     * messages are left out of the history so that a restore can be checked by its count.
     */
    static SimulatedDevice prepare(int index, URI server, String username, char[] password, Path dir, LoadOptions options, long historyEnd) {
        long seed = options.seed() * 1_000_003L + index;
        Session session = new AccountService(new ProfileStore(dir)).create(server, username, password, null).session();
        LocalStore store = null;
        try {
            store = LocalStore.open(dir.resolve("local.db"));
            HistoryGenerator.generate(GeneratorOptions.of(seed, options.historyConversations(), options.historyMessages(), historyEnd)
                    .withEphemeralShare(0), HistorySink.of(store::putConversation, store::addMessages));
            BackupReport first = new BackupService(session, store, Clock.systemUTC()).run(BackupListener.NONE);
            return new SimulatedDevice(index, dir, session, store, seed, first.version());
        } catch (RuntimeException e) {
            if (store != null) store.close();
            session.close();
            throw e;
        }
    }

    int index() { return index; }

    SplittableRandom random() { return random; }

    void observe(Measurements m) { session.api().observe(m); }

    /** Writes {@code messages} new messages and backs them up; returns what the backup did. */
    BackupReport backUpBurst(int messages) {
        MessageBurst.append(store, random, messages, clock.millis(), "load-" + index + "-" + (++iteration) + "-");
        BackupReport r = new BackupService(session, store, clock).run(BackupListener.NONE);
        // This device alone writes its vault, so anything but the next version means a lost or doubled commit.
        if (r.version() != version + 1)
            throw new ClientException("backup committed version " + r.version() + ", expected " + (version + 1));
        version = r.version();
        return r;
    }

    /** Restores the vault into a fresh store, checks it holds every message of this one, and deletes it. */
    RestoreReport restoreAsNewPhone() {
        Path phone = dir.resolve("restore-" + (++iteration));
        try {
            Files.createDirectories(phone);
            RestoreReport r;
            try (LocalStore fresh = LocalStore.open(phone.resolve("local.db"))) {
                r = new RestoreService(session, fresh, clock).run(RestoreListener.NONE);
            }
            long expected = store.messageCount();
            if (r.messages() != expected) throw new ClientException("restore brought back " + r.messages() + " of " + expected + " messages");
            return r;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            Directories.deleteTree(phone);
        }
    }

    @Override public void close() {
        store.close();
        session.close();
    }
}
