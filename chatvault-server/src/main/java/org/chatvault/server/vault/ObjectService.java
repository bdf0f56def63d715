package org.chatvault.server.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.server.account.Principal;
import org.chatvault.server.billing.Entitlement;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects of one account: which it lacks, uploading batches, fetching batches. An upload is all
 * or nothing: the batch is validated to its end before anything is stored, pack blobs are
 * written before the index names them, and the index is updated in one transaction.
 */
public final class ObjectService {
    private static final Logger log = LoggerFactory.getLogger(ObjectService.class);

    private final ObjectIndex metadata;
    private final ObjectStore blobs;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final BatchSpooler spooler;
    private final BatchWriter writer;
    private final PackWriter packWriter;
    private final PackTiering tiering;
    private final Path tmpDir;
    private final VaultPolicy policy;

    /** Without plan limits: for the server's jobs and tools that work outside any plan. */
    public ObjectService(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock, ServerMetrics metrics) {
        this(metadata, blobs, tmpDir, clock, metrics, PackTiering.NONE, VaultPolicy.unmetered());
    }

    /** @param tiering which new packs go straight to the object store's cold tier */
    public ObjectService(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock, ServerMetrics metrics, PackTiering tiering) {
        this(metadata, blobs, tmpDir, clock, metrics, tiering, VaultPolicy.unmetered());
    }

    /** @param policy what each account's plan lets it upload */
    public ObjectService(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock, ServerMetrics metrics, VaultPolicy policy) {
        this(metadata, blobs, tmpDir, clock, metrics, PackTiering.NONE, policy);
    }

    /**
     * @param tiering which new packs go straight to the object store's cold tier
     * @param policy  what each account's plan lets it upload
     */
    public ObjectService(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock, ServerMetrics metrics, PackTiering tiering,
                         VaultPolicy policy) {
        this.tiering = tiering;
        this.policy = policy;
        this.metadata = metadata;
        this.blobs = blobs;
        this.clock = clock;
        this.metrics = metrics;
        this.spooler = new BatchSpooler(tmpDir);
        this.tmpDir = tmpDir;
        this.writer = new BatchWriter(blobs);
        this.packWriter = new PackWriter(blobs, tiering);
    }

    /** The ids among {@code ids} the account does not hold, in request order. */
    public List<ObjectId> missing(Principal p, List<ObjectId> ids) {
        Set<ObjectId> held = metadata.presentObjects(p.accountId(), new LinkedHashSet<>(ids));
        return ids.stream().filter(id -> !held.contains(id)).toList();
    }

    /**
     * Stores the frames of a batch the account does not hold yet, one pack per time bucket
     * (retention then deletes whole packs).
     *
     * @param body the request body, already limited to the maximum batch size
     */
    public UploadResult upload(Principal p, InputStream body) throws IOException {
        return upload(p, body, sha256 -> { });
    }

    /**
     * As {@link #upload(Principal, InputStream)}, handing the SHA-256 of every byte read from
     * {@code body} to {@code bodyCheck} once the batch has been read to its end and before anything
     * is stored: a check that throws (a request signature that does not cover this body) stores nothing.
     * Then the plan's rules, each refusal storing nothing either.
     *
     * @throws VaultRequestException.VaultReadOnly during the read-only grace after a lapse
     * @throws VaultRequestException.PlanExcludesMedia a media object on a text-only plan
     * @throws VaultRequestException.QuotaExceeded the new objects would take the account past its quota
     */
    public UploadResult upload(Principal p, InputStream body, Consumer<byte[]> bodyCheck) throws IOException {
        MessageDigest digest = RequestSignature.newBodyDigest();
        try (SpooledBatch batch = spooler.spool(new DigestInputStream(body, digest))) {
            bodyCheck.accept(digest.digest());
            Entitlement allowed = policy.requireWritable(p.accountId());
            VaultPolicy.requireMediaAllowed(allowed, batch.frames().stream().map(SpooledFrame::kind).toList());
            Map<ObjectId, SpooledFrame> unique = new LinkedHashMap<>();
            for (SpooledFrame f : batch.frames()) unique.putIfAbsent(f.id(), f);
            Set<ObjectId> held = metadata.presentObjects(p.accountId(), unique.keySet());
            TreeMap<Integer, List<SpooledFrame>> byBucket = new TreeMap<>();
            long adding = 0;
            for (SpooledFrame f : unique.values()) {
                if (held.contains(f.id())) continue;
                byBucket.computeIfAbsent(f.bucket(), b -> new ArrayList<>()).add(f);
                adding += f.length();
            }
            // Checked here so that an upload over the quota writes no pack, and again as it is indexed (concurrent uploads).
            if (adding > 0) VaultPolicy.requireRoom(allowed, metadata.usage(p.accountId()).bytes(), adding);
            IndexResult indexed = byBucket.isEmpty() ? new IndexResult(0, 0, List.of()) : storePacks(p, batch, byBucket, allowed);
            int frames = batch.frames().size();
            metrics.uploaded(batch.bytes(), indexed.objects(), indexed.bytes());
            log.debug("account {} uploaded {} frames: {} new objects in {} packs", p.accountId(), frames, indexed.objects(), byBucket.size());
            return new UploadResult(indexed.objects(), frames - indexed.objects(), indexed.bytes());
        }
    }

    private IndexResult storePacks(Principal p, SpooledBatch batch, Map<Integer, List<SpooledFrame>> byBucket, Entitlement allowed)
            throws IOException {
        List<String> coldPackIds = new ArrayList<>();
        List<NewPack> packs = packWriter.write(p.accountId(), batch, byBucket, clock.instant(), coldPackIds);
        try {
            IndexResult indexed = switch (metadata.indexPacksWithin(p.accountId(), packs, clock.instant(), allowed.quotaBytes())) {
                case IndexOutcome.Indexed i -> i.result();
                case IndexOutcome.OverLimit o -> throw VaultPolicy.quotaExceeded(allowed, o.heldBytes(), o.addingBytes());
            };
            for (String key : indexed.unusedPackKeys()) deleteQuietly(key);
            recordCold(p.accountId(), coldPackIds);
            return indexed;
        } catch (RuntimeException e) {
            // Not indexed, so invisible; delete the blobs so they do not leak space.
            for (NewPack pack : packs) deleteQuietly(pack.storageKey());
            throw e;
        }
    }

    /** The packs are stored and indexed either way; a failure to record their class is only logged. */
    private void recordCold(String accountId, List<String> packIds) {
        try {
            tiering.recordCold(accountId, packIds);
        } catch (RuntimeException e) {
            log.warn("account {}: {} packs written cold but not recorded so; the tiering job will copy them once more", accountId,
                    packIds.size(), e);
        }
    }

    static String packKey(String accountId, String packId) {
        return "packs/" + accountId + "/" + packId;
    }

    /** {@link #planFetch(Principal, List, long)} without a limit on the answer's size. */
    public FetchPlan planFetch(Principal p, List<ObjectId> ids) {
        return planFetch(p, ids, Long.MAX_VALUE);
    }

    /**
     * Locates every requested object and checks that its pack holds it before anything is sent,
     * so a missing or damaged one is a clean 404 rather than a stream cut short. An id asked for
     * twice is sent once; the answer holds the objects, in request order, that fit in
     * {@code maxAnswerBytes} (always at least the first), and the plan says how many were left out.
     *
     * @throws VaultRequestException.ObjectsNotFound {@code object_not_found} naming how many are absent
     * @throws VaultRequestException.ObjectsUnreadable naming the objects whose pack is missing or too short
     */
    public FetchPlan planFetch(Principal p, List<ObjectId> ids, long maxAnswerBytes) {
        Set<ObjectId> distinct = new LinkedHashSet<>(ids);
        Map<ObjectId, ObjectLocation> found = metadata.locateObjects(p.accountId(), distinct);
        int absent = 0;
        for (ObjectId id : distinct) if (!found.containsKey(id)) absent++;
        if (absent > 0)
            throw new VaultRequestException.ObjectsNotFound(absent, "requested objects");
        List<ObjectLocation> plan = new ArrayList<>();
        long bytes = FetchPlan.batchBytes(List.of());
        for (ObjectId id : distinct) {
            ObjectLocation l = found.get(id);
            bytes += FetchPlan.frameBytes(l);
            if (bytes > maxAnswerBytes && !plan.isEmpty()) break;
            plan.add(l);
        }
        Map<String, Long> packSizes = new HashMap<>();
        List<ObjectId> unreadable = new ArrayList<>();
        for (ObjectLocation l : plan) {
            long size = packSizes.computeIfAbsent(l.storageKey(), this::packSize);
            if (size < l.offset() + l.length()) unreadable.add(l.id());
        }
        if (!unreadable.isEmpty()) {
            log.error("account {}: {} objects unreadable, their packs missing or truncated (first: {} in {})", p.accountId(),
                    unreadable.size(), unreadable.getFirst(), found.get(unreadable.getFirst()).storageKey());
            throw new VaultRequestException.ObjectsUnreadable(unreadable);
        }
        return new FetchPlan(plan, distinct.size() - plan.size());
    }

    private long packSize(String key) {
        try {
            return blobs.size(key);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the size of pack " + key, e);
        }
    }

    /** Streams a planned fetch as a batch. */
    public void writeBatch(FetchPlan plan, OutputStream out) throws IOException {
        long bytes = writer.write(plan.objects(), out);
        metrics.fetched(plan.objects().size(), bytes);
    }

    /** Plans the archive of the account's whole vault (see {@link VaultArchive}); the caller closes it. */
    public VaultArchive planArchive(Principal p) throws IOException {
        return VaultArchive.plan(metadata, blobs, tmpDir, p.accountId());
    }

    /** Streams a planned archive as a batch. */
    public void writeArchive(VaultArchive archive, OutputStream out) throws IOException {
        long bytes = archive.writeTo(out, writer);
        metrics.fetched((int) Math.min(Integer.MAX_VALUE, archive.objects()), bytes);
    }

    private void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete unused pack {}; it holds no indexed object and can be removed by hand", key, e);
        }
    }
}
