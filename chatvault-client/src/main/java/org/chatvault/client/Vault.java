package org.chatvault.client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Profile;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.archive.ArchiveDownload;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.protocol.vault.VaultUsage;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.SearchHit;
import org.chatvault.client.local.SearchQuery;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.client.verify.VerifyReport;
import org.chatvault.client.verify.VerifyService;
import org.chatvault.client.vault.VaultReader;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * What a chat app (and the CLI) talks to: one device's account session and LocalStore, and every
 * operation on them — append and delete, backup and sync, restore, search, verify, status, fetch
 * one media file. A facade: each call hands its work to the service that does it.
 *
 * <p>Three ways to get one. {@link #open} for a device directory: the session and the store are
 * opened when first needed (so searching needs no account and a status check creates no
 * database) and closed with the vault. {@link #over} for a session and store the caller owns.
 * The public constructor adds background sync ({@link AutoSync}), asking the app's
 * {@link AutoSync.Conditions} before each run; closing it stops the background sync only.
 */
public final class Vault implements AutoCloseable {
    private final ProfileStore profiles;
    private final Path db;
    private final Clock clock;
    private final boolean owned;
    // Guards opening the parts only: a long sync holds the vault, and the app must still append meanwhile.
    private final Object parts = new Object();
    private Session session;
    private LocalStore store;
    private AutoSync autoSync;

    /** A device's own vault: it opens the session and the store when first needed, and closes them. */
    private Vault(ProfileStore profiles, Path db, Clock clock) {
        this.profiles = profiles;
        this.db = db;
        this.clock = clock;
        this.owned = true;
    }

    /** A vault over a session and a store that its caller owns: no profile to open them from, nothing to close. */
    private Vault(Session session, LocalStore store, Clock clock) {
        this.profiles = null;
        this.db = store.file();
        this.session = session;
        this.store = store;
        this.clock = clock;
        this.owned = false;
    }

    /** An app's vault that keeps itself in sync in the background; the app keeps owning the session and the store. */
    public Vault(Session session, LocalStore store, Clock clock, AutoSync.Settings settings, AutoSync.Conditions conditions,
                 AutoSync.Listener listener) {
        this(session, store, clock);
        this.autoSync = new AutoSync(this::syncNow, clock, settings, conditions, listener);
    }

    /** The device whose profile lives in {@code home} and whose LocalStore is {@code db}; both opened when first needed. */
    public static Vault open(Path home, Path db, Clock clock) {
        return new Vault(new ProfileStore(home), db, clock);
    }

    /** A vault over a session and a store the caller owns and closes. */
    public static Vault over(Session session, LocalStore store, Clock clock) {
        return new Vault(session, store, clock);
    }

    /** Creates an account with its vault keys, this device its first device (profile in {@code home}). */
    public static AccountService.Created createAccount(Path home, URI server, String user, char[] password, char[] passphrase) {
        return new AccountService(new ProfileStore(home)).create(server, user, password, passphrase);
    }

    /** Adds the device whose profile goes in {@code home} to an existing account. */
    public static Session login(Path home, URI server, String user, char[] password, Unlock unlock) {
        return new AccountService(new ProfileStore(home)).login(server, user, password, unlock);
    }

    // ---- the app's writes --------------------------------------------------------------------

    /** Adds (or updates) a conversation and messages; with background sync they reach the vault once changes settle. */
    public void append(Conversation conversation, List<Message> messages) {
        store().putConversation(conversation);
        store().addMessages(messages);
        if (autoSync != null) autoSync.changed();
    }

    /** Deletes one message everywhere (docs/SYNC.md §4); false if this device does not hold it. */
    public boolean deleteMessage(String conversationId, long sentAt, String messageId) {
        boolean found = store().deleteMessage(conversationId, sentAt, messageId);
        if (autoSync != null) autoSync.changed();
        return found;
    }

    /** Deletes a conversation's history before {@code before} everywhere; returns how many messages left this device. */
    public int clearHistory(String conversationId, long before) {
        int n = store().clearHistory(conversationId, before);
        if (autoSync != null) autoSync.changed();
        return n;
    }

    // ---- backup, sync, restore ---------------------------------------------------------------

    /** Pulls what other devices wrote and pushes this device's changes now (text; media with {@link #backUpMedia}). */
    public synchronized BackupReport syncNow() {
        return backUp(BackupListener.NONE);
    }

    /** As {@link #syncNow}, telling {@code listener} how it goes. */
    public synchronized BackupReport backUp(BackupListener listener) {
        return new BackupService(session(), store(), clock).run(listener);
    }

    /** Backs up the media files and thumbnails not in the vault yet (after the text: the vault must not be empty). */
    public synchronized MediaBackupService.Report backUpMedia(MediaBackupService.Listener listener) {
        return new MediaBackupService(session(), store(), clock).run(listener);
    }

    /** Restores the vault's text into this device's store, merging with what it holds. */
    public synchronized RestoreReport restore(RestoreListener listener) {
        return new RestoreService(session(), store(), clock).run(listener);
    }

    /**
     * Restores the text of only the conversations named in {@code only} (ids or titles; empty: all);
     * a later {@link #restore(RestoreListener)} completes the rest (see {@link RestoreService#run(List, RestoreListener)}).
     */
    public synchronized RestoreReport restore(List<String> only, RestoreListener listener) {
        return new RestoreService(session(), store(), clock).run(only, listener);
    }

    /**
     * Restores the text of another vault reader into this device's store: an archive file opened
     * with {@code archive.ArchiveVault}, which needs no server and no session.
     */
    public synchronized RestoreReport restore(VaultReader from, RestoreListener listener) {
        return new RestoreService(from, store(), clock).run(listener);
    }

    /** {@link #restore(List, RestoreListener)} from another vault reader, such as an archive file. */
    public synchronized RestoreReport restore(VaultReader from, List<String> only, RestoreListener listener) {
        return new RestoreService(from, store(), clock).run(only, listener);
    }

    /** Restores thumbnails and media files from another vault reader after {@link #restore(VaultReader, RestoreListener)}. */
    public synchronized MediaRestoreService.Report restoreMedia(VaultReader from, MediaRestoreService.Options options,
                                                                MediaRestoreService.Listener listener) {
        return new MediaRestoreService(from, store(), clock).run(options, listener);
    }

    /** Downloads the whole vault into the new archive file {@code file} (see {@link ArchiveDownload}). */
    public synchronized ArchiveDownload.Report archive(Path file, ArchiveDownload.Listener listener) {
        Session s = session(); // first: without a profile it says to log in
        return new ArchiveDownload(s, clock).run(account().map(Profile::username).orElse(null), file, listener);
    }

    /** Restores thumbnails and media files after {@link #restore}. */
    public synchronized MediaRestoreService.Report restoreMedia(MediaRestoreService.Options options, MediaRestoreService.Listener listener) {
        return new MediaRestoreService(session(), store(), clock).run(options, listener);
    }

    /** Fetches one attachment or thumbnail now, by content id; returns where it is on this device. */
    public synchronized Path fetchMedia(String contentId) {
        return new MediaRestoreService(session(), store(), clock).fetchOne(contentId);
    }

    // ---- looking -----------------------------------------------------------------------------

    /** Substring search over message text, newest first (see {@link LocalStore#search}). */
    public List<SearchHit> search(String text, int limit) {
        return store().search(text, limit);
    }

    /** Search with filters and context (see {@link LocalStore#search(SearchQuery)}). */
    public List<SearchHit> search(SearchQuery query) {
        return store().search(query);
    }

    /**
     * Checks the vault (see {@link VerifyService}); with a LocalStore on this device, damage is
     * named by conversation and message, and changes not backed up yet are listed.
     */
    public synchronized VerifyReport verify(VerifyOptions options) {
        boolean named;
        synchronized (parts) {
            named = store != null || Files.exists(db);
        }
        return new VerifyService(session(), named ? store() : null, options, clock).run();
    }

    /** What this device holds and what of it awaits backup. */
    public record Status(int conversations, long messages, int conversationsChanged, Optional<Long> version,
                         MediaBackupService.Pending media) {}

    /** This device's store and what awaits backup, text and media, from this device's records alone. */
    public Status status() {
        LocalStore s = store();
        return new Status(s.conversations().size(), s.messageCount(), s.dirtyConversations().size(),
                s.syncState().head().map(h -> h.version()), MediaBackupService.pending(s));
    }

    /** The account this device is enrolled in, if any (no server call). */
    public Optional<Profile> account() {
        return profiles == null ? Optional.empty() : profiles.load();
    }

    /** What the server holds for this account. */
    public VaultUsage serverUsage() {
        return session().api().usage();
    }

    // ---- parts -------------------------------------------------------------------------------

    /** This device's session, resumed from its profile when first needed. */
    public Session session() {
        synchronized (parts) {
            if (session == null) session = new AccountService(profiles).resume();
            return session;
        }
    }

    /** This device's LocalStore, opened (and created if need be) when first needed. */
    public LocalStore store() {
        synchronized (parts) {
            if (store == null) store = LocalStore.open(db, clock);
            return store;
        }
    }

    @Override public void close() {
        if (autoSync != null) autoSync.close();
        if (!owned) return;
        synchronized (parts) {
            try (Session s = session; LocalStore l = store) {
                session = null;
                store = null;
            }
        }
    }
}
