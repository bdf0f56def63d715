package org.chatvault.bench.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.jobs.LifecycleJob;
import org.chatvault.server.jobs.LifecycleResult;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.vault.NewPack;
import org.chatvault.server.vault.ObjectEntry;

/**
 * A lifecycle run over many accounts of generated metadata (issue 11): index rows in a real SQLite
 * database, pack blobs as sizes in a {@link CountingObjectStore} that fails any read or write, so the
 * figure is the job's own work and the run proves it deletes without reading or rewriting a pack.
 *
 * <p>Each account holds one pack of a few objects per month for its last {@code --months} months plus
 * an unbucketed root pack. A tenth deleted themselves, a twentieth chose one month of inactivity and
 * have not been seen for two, a third pay for the "forever" plan; the rest are on the free plan, which
 * keeps 30 days, so their older months expire.
 */
public final class LifecycleBenchmark {
    private LifecycleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int accounts = 10_000, months = 12, perPack = 4;
        long seed = 11;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--accounts" -> accounts = Integer.parseInt(args[++i]);
                case "--months" -> months = Integer.parseInt(args[++i]);
                case "--objects-per-pack" -> perPack = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: chatvault-bench lifecycle [--accounts N] [--months N] [--objects-per-pack N] [--seed N]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("chatvault-lifecycle-bench");
        Instant now = Instant.now();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        CountingObjectStore blobs = new CountingObjectStore();
        try (SqlStores stores = SqlStores.sqlite(dir.resolve("metadata.db"))) {
            long t0 = System.nanoTime();
            Population p = generate(stores, blobs, new SplittableRandom(seed), accounts, months, perPack, now);
            double generated = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "generated %,d accounts, %,d packs, %,d objects in %.1f s (seed %d); %,d deleted, %,d unused, %,d paying%n",
                    accounts, p.packs, p.objects, generated, seed, p.deleted, p.unused, p.paying);

            LifecycleJob job = new LifecycleJob(stores.objects(), stores.lifecycle(),
                    new EntitlementService(stores.subscriptions(), BillingConfig.defaults(), clock), new AuditLog(stores.audit(), clock), blobs,
                    stores.leases(), clock, "bench");
            report("dry run", job, true, blobs);
            report("run", job, false, blobs);
            report("second run", job, false, blobs);
            if (blobs.reads() != 0 || blobs.writes() != 0) throw new IllegalStateException("a pack was read or written");
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    private static void report(String what, LifecycleJob job, boolean dryRun, CountingObjectStore blobs) {
        long deletesBefore = blobs.deletes();
        long t0 = System.nanoTime();
        LifecycleResult r = job.run(dryRun);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-10s %6.2f s  %s%n", what, s, r.describe().getFirst());
        System.out.printf(Locale.ROOT, "%-10s           expired %,d objects of %,d accounts; removed %,d accounts, %,d objects, %,d packs;"
                        + " blobs read %d, written %d, deleted %,d%n", "", r.objectsExpired(), r.accountsCut(), r.accountsRemoved(), r.objectsRemoved(),
                r.packsRemoved(), blobs.reads(), blobs.writes(), blobs.deletes() - deletesBefore);
    }

    private static final class Population {
        long packs, objects;
        int deleted, unused, paying;
    }

    private static Population generate(SqlStores stores, CountingObjectStore blobs, SplittableRandom random, int accounts, int months, int perPack,
                                       Instant now) {
        Population p = new Population();
        Instant created = now.atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
        LoginHash hash = new LoginHash(new byte[16], new byte[32], new Argon2Params(64, 1, 1));
        for (int a = 0; a < accounts; a++) {
            String id = UUID.randomUUID().toString();
            stores.accounts().createAccount(new AccountRecord(id, "user" + a, "user" + a, hash, created, null));
            List<NewPack> packs = new ArrayList<>();
            for (int m = 0; m <= months; m++) {
                int bucket = m == months ? 0 : Months.of(now.atZone(ZoneOffset.UTC).minusMonths(m).toInstant().toEpochMilli());
                String packId = UUID.randomUUID().toString();
                String key = "packs/" + id + "/" + packId;
                List<ObjectEntry> entries = new ArrayList<>();
                long offset = 4;
                int n = bucket == 0 ? 1 : perPack;
                for (int o = 0; o < n; o++) {
                    byte[] oid = new byte[32];
                    random.nextBytes(oid);
                    int length = 200 + random.nextInt(20_000);
                    entries.add(new ObjectEntry(ObjectId.of(oid), bucket == 0 ? ObjectKind.ROOT_MANIFEST : ObjectKind.SEGMENT, bucket, offset + 41, length));
                    offset += 41 + length;
                }
                packs.add(new NewPack(packId, bucket, key, offset, entries));
                blobs.seed(key, offset);
                p.packs++;
                p.objects += n;
            }
            stores.objects().indexPacks(id, packs, created);
            // Everyone was last seen a week ago, but for the unused ones, who chose a month and left two months ago.
            int kind = random.nextInt(60);
            if (kind < 6) {
                stores.lifecycle().requestDeletion(id, now.minus(Duration.ofDays(1)));
                p.deleted++;
            } else if (kind < 9) {
                stores.lifecycle().setInactivityMonths(id, 1);
                stores.lifecycle().recordActivity(id, now.minus(Duration.ofDays(61)), now);
                p.unused++;
            } else {
                stores.lifecycle().recordActivity(id, now.minus(Duration.ofDays(7)), now);
                if (kind < 29) {
                    String sub = UUID.randomUUID().toString();
                    Instant start = now.minus(Duration.ofDays(100));
                    stores.subscriptions().redeem(new Subscription(sub, id, Provider.DIRECT, "receipt-" + sub, 1, "direct.forever", "forever",
                            SubscriptionStatus.ACTIVE, start, start.plus(Duration.ofDays(365)), null, null, start),
                            new SubscriptionEvent(sub, id, SubscriptionEventType.REDEEMED, start, start, null));
                    p.paying++;
                }
            }
        }
        return p;
    }
}
