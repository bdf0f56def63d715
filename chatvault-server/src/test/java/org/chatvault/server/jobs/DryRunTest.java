package org.chatvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.store.sql.SqlPackTiers;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.ColdTierPolicy;
import org.chatvault.server.vault.CommitRequest;
import org.junit.jupiter.api.Test;

/** A dry run says what a job would do and changes nothing: not a row of the metadata database, not a blob. */
class DryRunTest extends JobTestBase {
    @Override long seed() { return 23; }

    /** Every row of every table of the metadata database, and every blob's key and size. */
    private List<String> state() throws SQLException, IOException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("metadata.db"));
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (r.next()) tables.add(r.getString(1));
            }
            assertThat(tables).contains("objects", "packs", "heads", "job_leases");
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            Object v = r.getObject(i);
                            row.append('|').append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : v);
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        for (String key : blobs.list("")) rows.add("blob|" + key + "|" + blobs.size(key));
        return rows;
    }

    /** Three packs of four segments each, of which a commit keeps one per pack and drops the rest. */
    private void threePacksMostlyDropped() throws IOException {
        List<ObjectId> all = new ArrayList<>();
        List<ObjectId> dropped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<SealedObject> batch = vault.segments(4);
            objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(batch)));
            for (SealedObject o : batch) all.add(o.id());
            for (SealedObject o : batch.subList(1, 4)) dropped.add(o.id());
        }
        SealedObject root1 = vault.root();
        SealedObject root2 = vault.root();
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(root1)));
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(root2)));
        heads.commit(alice, new CommitRequest(0, root1.id(), all, List.of()));
        dropped.add(root1.id());
        heads.commit(alice, new CommitRequest(1, root2.id(), List.of(), dropped));
        clock.advance(DELAY.plusHours(1));
    }

    @Test
    void aDrySweepChangesNothingAndSaysWhatTheRealOneThenDoes() throws Exception {
        threePacksMostlyDropped();
        List<String> before = state();

        SweepJob.Result plan = sweeper.run(true);
        assertThat(state()).isEqualTo(before);
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.accounts()).isEqualTo(1);
        assertThat(plan.packsDeleted()).as("root1's pack").isEqualTo(1);
        assertThat(plan.bytesDeleted()).isPositive();
        assertThat(plan.describe().getFirst()).contains("dry run").contains("1 packs").contains("would be deleted");
        assertThat(plan.accountLines()).singleElement().asString().contains(alice.accountId());

        SweepJob.Result done = sweeper.run(false);
        assertThat(state()).isNotEqualTo(before);
        assertThat(done.dryRun()).isFalse();
        assertThat(done).extracting("accounts", "packsDeleted", "bytesDeleted").containsExactly(1, 1, plan.bytesDeleted());
        assertThat(sweeper.run(true).packsDeleted()).as("nothing left to plan").isZero();
    }

    @Test
    void aDryRepackChangesNothingAndPlansWhatTheRealOneDoes() throws Exception {
        threePacksMostlyDropped();
        sweeper.run(false); // the dropped segments go: three packs a quarter live
        RepackJob repacker = new RepackJob(index, leases, blobs, dir.resolve("tmp"), clock, RepackJob.Settings.of(0.5, DELAY), "this-instance");
        List<String> before = state();

        RepackJob.Result plan = repacker.run(true);
        assertThat(state()).isEqualTo(before);
        assertThat(plan).extracting("dryRun", "accounts", "packsRead", "packsWritten").containsExactly(true, 1, 3, 1);
        assertThat(plan.bytesReclaimed()).isPositive();
        assertThat(plan.describe().getFirst()).contains("dry run").contains("would be rewritten");

        RepackJob.Result done = repacker.run(false);
        assertThat(state()).isNotEqualTo(before);
        assertThat(done).extracting("dryRun", "accounts", "packsRead", "packsWritten").containsExactly(false, 1, 3, 1);
        assertThat(repacker.run(true).packsRead()).as("nothing left to plan").isZero();
    }

    @Test
    void aDryTierChangesNothingAndPlansWhatTheRealOneDoes() throws Exception {
        threePacksMostlyDropped();
        // May 2024 and one month: the January 2024 packs belong in the cold tier, the roots' (bucket 0) never.
        ColdTierPolicy policy = new ColdTierPolicy("STANDARD_IA", 1, 0);
        TierJob tier = new TierJob(new SqlPackTiers(stores.database()), leases, blobs, clock, policy, null, "this-instance");
        List<String> before = state();

        TierJob.Result plan = tier.run(true);
        assertThat(state()).isEqualTo(before);
        assertThat(plan).extracting("dryRun", "accounts", "packsMoved", "firstStandardBucket").containsExactly(true, 1, 3, 202404);
        assertThat(plan.bytesMoved()).isPositive();
        assertThat(plan.describe().getFirst()).contains("dry run").contains("would be moved");

        TierJob.Result done = tier.run(false);
        assertThat(state()).isNotEqualTo(before);
        assertThat(done).extracting("dryRun", "accounts", "packsMoved", "bytesMoved").containsExactly(false, 1, 3, plan.bytesMoved());
        assertThat(tier.run(true).packsMoved()).as("nothing left to plan").isZero();
    }

    @Test
    void aDryLifecycleRunAndAnAsOfPreviewChangeNothingAndSayWhatTheRunsThenDo() throws Exception {
        // alice: one month already past the free plan's 30 days, one that leaves it by July, a root that never does.
        SealedObject expired = vault.segment(202402, 400);
        SealedObject soon = vault.segment(202405, 400);
        SealedObject root = vault.root();
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(expired, soon, root)));
        heads.commit(alice, new CommitRequest(0, root.id(), List.of(expired.id(), soon.id()), List.of()));
        // bob deleted his account; carol chose one month and will not have been seen by July.
        for (String name : List.of("bob", "carol")) {
            stores.accounts().createAccount(new org.chatvault.server.account.AccountRecord("acc-" + name, name, name,
                    new org.chatvault.server.account.LoginHash(new byte[16], new byte[32], new org.chatvault.core.crypto.Argon2Params(64, 1, 1)),
                    clock.instant(), null));
        }
        stores.lifecycle().requestDeletion("acc-bob", clock.instant());
        stores.lifecycle().setInactivityMonths("acc-carol", 1);
        LifecycleJob job = new LifecycleJob(index, stores.lifecycle(),
                new org.chatvault.server.billing.EntitlementService(stores.subscriptions(), org.chatvault.server.billing.BillingConfig.defaults(), clock),
                new org.chatvault.server.audit.AuditLog(stores.audit(), clock), blobs, leases, clock, "this-instance");
        List<String> before = state();

        LifecycleResult plan = job.run(true);
        assertThat(state()).isEqualTo(before);
        assertThat(plan).extracting("dryRun", "asOf", "accountsCut", "objectsExpired", "accountsRemoved")
                .containsExactly(true, null, 1, 1L, 1);
        assertThat(plan.describe().getFirst()).startsWith("lifecycle (dry run): 2 accounts").endsWith("would be removed");

        java.time.Instant july = java.time.Instant.parse("2024-07-15T00:00:00Z");
        LifecycleResult preview = job.preview(july);
        assertThat(state()).as("the preview changed nothing either").isEqualTo(before);
        assertThat(preview).extracting("dryRun", "asOf", "accountsCut", "objectsExpired", "accountsRemoved")
                .containsExactly(true, july, 1, 2L, 2);
        assertThat(preview.describe().getFirst()).startsWith("lifecycle (dry run as of 2024-07-15T00:00:00Z): 3 accounts");
        assertThat(preview.accountLines()).anySatisfy(l -> assertThat(l).contains("acc-carol").contains("unused since"));

        LifecycleResult done = job.run(false);
        assertThat(state()).isNotEqualTo(before);
        assertThat(done).extracting("dryRun", "accountsCut", "objectsExpired", "bytesExpired", "accountsRemoved")
                .containsExactly(false, 1, 1L, plan.bytesExpired(), 1);
        assertThat(job.run(true).objects()).as("nothing left to plan today").isZero();
    }
}
