package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.sync.Puller;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.client.verify.VerifyService;
import org.chatvault.core.format.MergeRules;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * One seeded run of several devices on one account (docs/SYNC.md §7): random writes, edits,
 * ephemeral messages, media, text-only and full backups, pulls, restores onto new devices and
 * crashes of the client at random points, checked against a model of what was written. The
 * model is the fold of every copy of every message ever written, by the merge rules.
 */
final class MultiDeviceSimulation {
    private static final int MAX_DEVICES = 5;
    private static final String USER = "sim";
    private final TestVault vault;
    private final SplittableRandom random;
    private final long seed;
    private final List<Device> devices = new ArrayList<>();
    private final Map<Key, Message> expected = new LinkedHashMap<>();
    /** Ephemeral messages and the device that holds each: on that device only, never in the vault. */
    private final Map<Key, String> ephemeral = new HashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    /** Deliberate deletions so far: deleted messages, and each conversation's history horizon. */
    private final java.util.Set<Key> deleted = new java.util.HashSet<>();
    private final Map<String, Long> horizon = new HashMap<>();
    private final List<Conversation> conversations = new ArrayList<>();
    private final String recoveryKey;
    private final SharedExport sharedExport = new SharedExport();
    private final java.nio.file.Path exportFile;
    private long now = 1_760_000_000_000L; // 2025-10-09
    /** The devices' clock: the simulation's time, so metadata change times are known to the model. */
    private final java.time.Clock clock = new java.time.Clock() {
        @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }

        @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public java.time.Instant instant() { return java.time.Instant.ofEpochMilli(now); }
    };
    /** Each conversation's metadata as the merge rules pick it from every change made on any device. */
    private final Map<String, Meta> metadata = new HashMap<>();

    private record Meta(Conversation conversation, long changedAt) {}
    private int nextId;
    final Map<String, Integer> stepCounts = new LinkedHashMap<>();

    record Key(String conversationId, long sentAt, String id) {
        static Key of(Message m) { return new Key(m.conversationId(), m.sentAt(), m.id()); }
    }

    private record Device(String name, Session session, LocalStore store) {}

    /** Thrown by a listener to stop a run at a random point, as a killed process would. */
    static final class Crash extends RuntimeException {
        Crash() { super("simulated crash", null, false, false); }
    }

    MultiDeviceSimulation(TestVault vault, long seed, int deviceCount) {
        this.vault = vault;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        var created = vault.create("d0", USER);
        recoveryKey = created.recoveryKey();
        try {
            exportFile = Files.writeString(vault.dir.resolve("WhatsApp Chat - Imported chat.txt"), "the export the devices import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        devices.add(new Device("d0", created.session(), store("d0")));
        for (int i = 1; i < deviceCount; i++) join(false);
        for (int i = 0; i < 6; i++) {
            ConversationKind kind = i % 3 == 0 ? ConversationKind.GROUP : ConversationKind.DIRECT;
            conversations.add(new Conversation("conv-" + i, kind, "Chat " + i, List.of(USER, "friend" + i)));
        }
    }

    void run(int steps) {
        for (int step = 0; step < steps; step++) step(step);
        finalRound();
        check();
    }

    private final List<String> trace = new ArrayList<>();
    private Device current;

    private void count(String what) {
        stepCounts.merge(what.split(" ")[0], 1, Integer::sum);
        trace.add(trace.size() + " " + (current == null ? "-" : current.name()) + " " + what);
    }

    private void note(String what) { trace.add(trace.size() + "   " + what); }

    private void step(int step) {
        Device d = devices.get(random.nextInt(devices.size()));
        current = d;
        int r = random.nextInt(100);
        now += 60_000L * (1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 600));
        try {
            if (r < 28) write(d);
            else if (r < 30) importExport(d);
            else if (r < 40) edit(d);
            else if (r < 42) writeEphemeral(d);
            else if (r < 43) rename(d);
            else if (r < 44) clearHistory(d);
            else if (r < 45) deleteOne(d);
            else if (r < 53) writeMedia(d);
            else if (r < 65) backupText(d, false);
            else if (r < 78) backupAll(d, false);
            else if (r < 85) pull(d);
            else if (r < 88) join(true);
            else if (r < 92) backupText(d, true);
            else if (r < 96) backupAll(d, true);
            else restore(d, true);
        } catch (Crash expectedCrash) {
            count("crash");
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ", step " + step + " on " + d.name() + ": " + e, e);
        }
    }

    private LocalStore store(String device) {
        return LocalStore.open(vault.dir.resolve(device).resolve("local.db"), clock);
    }

    /** The app puts a conversation as it knows it; a new or changed one is a metadata change at this step's time. */
    private void put(Device d, Conversation c) {
        java.util.Optional<Conversation> before = d.store().conversation(c.id());
        d.store().putConversation(c);
        recordMetadata(before, c);
    }

    private void recordMetadata(java.util.Optional<Conversation> before, Conversation c) {
        if (before.isEmpty() || !before.get().equals(c))
            metadata.merge(c.id(), new Meta(c, now), (a, b) -> MergeRules.winner(a.conversation(), a.changedAt(), b.conversation(), b.changedAt())
                    == MergeRules.Winner.VAULT ? b : a);
    }

    private Conversation someConversation(Device d) {
        Conversation base = conversations.get(random.nextInt(conversations.size()));
        Conversation c = d.store().conversation(base.id()).orElse(base);
        put(d, c);
        return c;
    }

    private void rename(Device d) {
        List<Conversation> held = d.store().conversations();
        if (held.isEmpty()) return;
        Conversation c = held.get(random.nextInt(held.size()));
        List<String> members = new ArrayList<>(c.participants());
        if (random.nextBoolean()) members.add("guest" + nextId++);
        put(d, new Conversation(c.id(), c.kind(), "Chat renamed " + nextId++, members));
        count("rename " + c.id());
    }

    private String newId() { return "m" + (nextId++); }

    private void write(Device d) {
        Conversation c = someConversation(d);
        List<Message> batch = new ArrayList<>();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            // Now and then a message arrives late, with an older time (a device that was offline).
            long sentAt = random.nextInt(8) == 0 ? now - random.nextLong(90L * 86_400_000) : now + i;
            batch.add(Message.text(c.id(), newId(), sentAt, random.nextBoolean() ? USER : "friend", "text " + nextId + " " + random.nextInt()));
        }
        add(d, batch);
        count("write " + c.id() + " " + batch.stream().map(Message::id).toList());
        // The same incoming message often reaches a second device too (a phone and a PC).
        if (devices.size() > 1 && random.nextInt(4) == 0) {
            Device other = devices.get(random.nextInt(devices.size()));
            put(other, other.store().conversation(c.id()).orElse(c));
            add(other, batch);
            count("write-twice on " + other.name());
        }
    }

    /** The device imports the other app's export as it is now; an import cut short leaves nothing. */
    private void importExport(Device d) {
        sharedExport.grow(random, now);
        List<Message> export = sharedExport.snapshot();
        int failBefore = random.nextInt(4) == 0 ? random.nextInt(export.size()) : -1;
        java.util.Optional<Conversation> before = d.store().conversation(SharedExport.CHAT.id());
        long held = d.store().messageCount();
        try {
            new ImportService(d.store(), clock).runWith(exportFile, SharedExport.importer(export, failBefore), new ImportOptions(java.time.ZoneOffset.UTC));
        } catch (ImportException e) {
            assertThat(d.store().messageCount()).as("seed %d: a failed import leaves nothing on %s", seed, d.name()).isEqualTo(held);
            assertThat(d.store().conversation(SharedExport.CHAT.id())).isEqualTo(before);
            count("import-failed at " + failBefore);
            return;
        }
        recordMetadata(before, SharedExport.CHAT);
        for (Message m : export) if (!isDeleted(Key.of(m))) expected.merge(Key.of(m), m, MergeRules::merge);
        count("import " + export.size());
    }

    private void add(Device d, List<Message> batch) {
        d.store().addMessages(batch);
        for (Message m : batch) if (!isDeleted(Key.of(m))) expected.merge(Key.of(m), m, MergeRules::merge);
    }

    private boolean isDeleted(Key k) {
        return deleted.contains(k) || k.sentAt() < horizon.getOrDefault(k.conversationId(), Long.MIN_VALUE);
    }

    private List<Message> held(Device d) {
        List<Message> held = new ArrayList<>();
        for (Conversation c : d.store().conversations()) held.addAll(d.store().lastMessages(c.id(), 30));
        held.removeIf(Message::ephemeral);
        return held;
    }

    private void deleteOne(Device d) {
        List<Message> held = held(d);
        if (held.isEmpty()) return;
        Message m = held.get(random.nextInt(held.size()));
        d.store().deleteMessage(m.conversationId(), m.sentAt(), m.id());
        deleted.add(Key.of(m));
        expected.remove(Key.of(m));
        count("delete " + m.conversationId() + " " + m.id());
    }

    /** Deletes a conversation's history before one of its messages (that message stays). */
    private void clearHistory(Device d) {
        List<Message> held = held(d);
        if (held.isEmpty()) return;
        Message m = held.get(random.nextInt(held.size()));
        d.store().clearHistory(m.conversationId(), m.sentAt());
        horizon.merge(m.conversationId(), m.sentAt(), Math::max);
        expected.keySet().removeIf(this::isDeleted);
        count("clear-history " + m.conversationId() + " before " + m.sentAt());
    }

    private void edit(Device d) {
        List<Message> held = held(d);
        if (held.isEmpty()) return;
        Message m = held.get(random.nextInt(held.size()));
        Message edited = new Message(m.conversationId(), m.id(), m.sentAt(), m.sender(), m.type(), "edited " + nextId++ + " " + random.nextInt(),
                m.attachments(), m.replyTo(), m.forwardedFrom(), now, false);
        add(d, List.of(edited));
        count("edit " + m.conversationId() + " " + m.id());
    }

    private void writeEphemeral(Device d) {
        Conversation c = someConversation(d);
        Message m = new Message(c.id(), newId(), now, "friend", MessageType.TEXT, "burn after reading", List.of(), null, null, null, true);
        d.store().addMessages(List.of(m));
        ephemeral.put(Key.of(m), d.name());
        count("ephemeral");
    }

    private void writeMedia(Device d) {
        Conversation c = someConversation(d);
        String contentId = "file" + nextId;
        int size = random.nextInt(10) == 0 ? 300_000 + random.nextInt(400_000) : 1 + random.nextInt(40_000);
        byte[] content = new byte[size];
        random.nextBytes(content);
        String thumbId = random.nextBoolean() ? "thumb" + nextId : null;
        byte[] thumb = thumbId == null ? null : new byte[500 + random.nextInt(3_000)];
        if (thumb != null) random.nextBytes(thumb);
        try {
            d.store().media().write(contentId, out -> out.write(content), false);
            if (thumb != null) d.store().media().write(thumbId, out -> out.write(thumb), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put(contentId, content);
        if (thumb != null) files.put(thumbId, thumb);
        Message m = new Message(c.id(), newId(), now, USER, MessageType.IMAGE, null,
                List.of(new Attachment(contentId, "photo" + nextId + ".jpg", "image/jpeg", size, thumbId)), null, null, null, false);
        add(d, List.of(m));
        count("media " + c.id() + " " + m.id());
    }

    private void backupText(Device d, boolean crash) {
        int after = random.nextInt(3);
        count(crash ? "backup-text-crash" : "backup-text");
        var r = new BackupService(d.session(), d.store(), Clock.systemUTC()).run(!crash ? BackupListener.NONE : new BackupListener() {
            int done;

            @Override public void conversationDone(long messages) { if (done++ >= after) throw new Crash(); }
        });
        note("-> " + r);
    }

    private void backupAll(Device d, boolean crash) {
        backupText(d, false);
        int after = random.nextInt(3);
        count(crash ? "backup-media-crash" : "backup-media");
        new MediaBackupService(d.session(), d.store(), Clock.systemUTC()).run(!crash ? MediaBackupService.Listener.NONE
                : new MediaBackupService.Listener() {
                    int done;

                    @Override public void started(int files, long bytes) {}

                    @Override public void fileDone(long bytes) { if (done++ >= after) throw new Crash(); }
                });
    }

    private void pull(Device d) {
        new Puller(d.session(), d.store()).pull(d.session().api().head());
        count("pull");
    }

    private void restore(Device d, boolean crash) {
        long after = random.nextLong(50);
        // Now and then only some conversations (restore --conversation): the device must not then
        // take the others for deleted or re-encode them from the little it holds.
        List<String> only = random.nextInt(3) == 0 ? someConversationIds() : List.of();
        count((crash ? "restore-crash" : "restore") + (only.isEmpty() ? "" : "-partial " + only));
        try {
            new RestoreService(d.session(), d.store(), Clock.systemUTC()).run(only, !crash ? RestoreListener.NONE : new RestoreListener() {
                long done;

                @Override public void messagesRestored(long messages) { if ((done += messages) >= after) throw new Crash(); }
            });
        } catch (org.chatvault.client.ClientException notInVault) {
            if (only.isEmpty()) throw notInVault;
            count("restore-partial-unknown"); // a conversation not yet in the vault: refused, nothing lost
            return;
        }
        new MediaRestoreService(d.session(), d.store(), Clock.systemUTC()).run(
                new MediaRestoreService.Options(random.nextBoolean(), 0, java.util.Set.copyOf(only)), MediaRestoreService.Listener.NONE);
    }

    private List<String> someConversationIds() {
        List<String> ids = new ArrayList<>();
        for (Conversation c : conversations) if (random.nextInt(3) == 0) ids.add(c.id());
        if (ids.isEmpty()) ids.add(conversations.get(random.nextInt(conversations.size())).id());
        return ids;
    }

    /** A new device logs in with the recovery key; during the run it restores the vault first. */
    private void join(boolean restore) {
        if (devices.size() >= MAX_DEVICES) return;
        String name = "d" + devices.size();
        Device d = new Device(name, vault.newDevice(name, USER, recoveryKey), store(name));
        devices.add(d);
        count("join");
        if (restore) restore(d, false);
    }

    /** Every device backs up twice, text and media, in turn. */
    private void finalRound() {
        for (int round = 0; round < 2; round++) {
            for (Device d : devices) {
                new BackupService(d.session(), d.store(), Clock.systemUTC()).run(BackupListener.NONE);
                new MediaBackupService(d.session(), d.store(), Clock.systemUTC()).run(MediaBackupService.Listener.NONE);
            }
        }
    }

    private void check() {
        Map<Key, Message> want = new HashMap<>(expected);
        for (Device d : devices) {
            assertSame(want, vaultMessages(d.store()), "every message, once, latest edit, on " + d.name());
            assertMetadata(d.store(), d.name());
            var verified = new VerifyService(d.session(), d.store(), VerifyOptions.STRUCTURE).run();
            assertThat(verified.problems()).as("seed %d: verify on %s", seed, d.name()).isEmpty();
            assertThat(verified.pending()).as("seed %d: nothing pending on %s after the final round", seed, d.name()).isEmpty();
            for (Map.Entry<Key, String> e : ephemeral.entrySet()) {
                if (isDeleted(e.getKey())) continue;
                boolean holds = d.store().lastMessages(e.getKey().conversationId(), Integer.MAX_VALUE).stream().anyMatch(m -> Key.of(m).equals(e.getKey()));
                assertThat(holds).as("seed %d: ephemeral %s only on %s, checked on %s", seed, e.getKey(), e.getValue(), d.name())
                        .isEqualTo(e.getValue().equals(d.name()));
            }
        }
        String name = "fresh";
        try (Session s = vault.newDevice(name, USER, recoveryKey); LocalStore store = store(name)) {
            new RestoreService(s, store, Clock.systemUTC()).run(RestoreListener.NONE);
            assertSame(want, vaultMessages(store), "a fresh restore holds every message");
            assertMetadata(store, "a fresh restore");
            new MediaRestoreService(s, store, Clock.systemUTC()).run(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
            for (Message m : want.values()) {
                for (Attachment a : m.attachments()) {
                    assertFile(store, a.contentId());
                    if (a.thumbnailId() != null) assertFile(store, a.thumbnailId());
                }
            }
            var report = new VerifyService(s, store, VerifyOptions.READ_ALL).run();
            assertThat(report.problems()).as("seed %d: verify", seed).isEmpty();
        }
    }

    /** Compares message sets and names the first few differences, not thousands of lines. */
    private void assertSame(Map<Key, Message> want, Map<Key, Message> got, String what) {
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<Key, Message> e : want.entrySet()) {
            Message g = got.get(e.getKey());
            if (g == null) diffs.add("missing " + e.getValue());
            else if (!g.equals(e.getValue())) diffs.add("differs: want " + e.getValue() + "\n          got " + g);
        }
        for (Map.Entry<Key, Message> e : got.entrySet()) if (!want.containsKey(e.getKey())) diffs.add("unexpected " + e.getValue());
        if (!diffs.isEmpty() && Boolean.getBoolean("chatvault.sim.trace")) System.out.println(String.join("\n", trace));
        if (!diffs.isEmpty())
            throw new AssertionError("seed " + seed + ": " + what + ": " + diffs.size() + " differences (of " + want.size() + " messages), first: \n  "
                    + String.join("\n  ", diffs.subList(0, Math.min(8, diffs.size()))));
    }

    private void assertMetadata(LocalStore store, String where) {
        for (Meta m : metadata.values())
            assertThat(store.conversation(m.conversation().id())).as("seed %d: metadata of %s on %s", seed, m.conversation().id(), where)
                    .contains(m.conversation());
    }

    private void assertFile(LocalStore store, String contentId) {
        try {
            assertThat(Files.readAllBytes(store.media().path(contentId))).as("seed %d: file %s byte for byte", seed, contentId)
                    .isEqualTo(files.get(contentId));
        } catch (IOException e) {
            throw new AssertionError("seed " + seed + ": file " + contentId + " not restored: " + e, e);
        }
    }

    private static Map<Key, Message> vaultMessages(LocalStore store) {
        Map<Key, Message> out = new HashMap<>();
        for (Conversation c : store.conversations()) {
            store.forEachMessage(c.id(), Long.MIN_VALUE, m -> {
                if (!m.ephemeral() && out.put(Key.of(m), m) != null) throw new AssertionError("message " + Key.of(m) + " twice");
            });
        }
        return out;
    }

    void close() {
        for (Device d : devices) {
            d.session().close();
            d.store().close();
        }
    }
}
