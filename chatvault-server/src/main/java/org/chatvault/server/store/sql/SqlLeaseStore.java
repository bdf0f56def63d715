package org.chatvault.server.store.sql;

import java.time.Duration;
import java.time.Instant;
import org.chatvault.server.jobs.LeaseStore;

/** {@link LeaseStore} in SQL both databases speak. */
public final class SqlLeaseStore implements LeaseStore {
    private final SqlDatabase db;

    public SqlLeaseStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public boolean tryAcquireLease(String job, String holder, Instant now, Duration ttl) {
        // One upsert whose update is skipped while another holder's lease runs. PostgreSQL locks
        // the conflicting row before checking the WHERE, and SQLite's one writer excludes the
        // others, so of several instances racing for a free or expired lease exactly one wins.
        return db.write("take a job lease", h -> h.createUpdate("""
                        INSERT INTO job_leases (job, holder, expires_at) VALUES (:job, :holder, :until)
                        ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                            WHERE job_leases.expires_at <= :now OR job_leases.holder = excluded.holder""")
                .bind("job", job).bind("holder", holder).bind("until", now.plus(ttl)).bind("now", now).execute() == 1);
    }

    @Override
    public void releaseLease(String job, String holder) {
        db.write("release a job lease", h -> h.createUpdate("DELETE FROM job_leases WHERE job = :job AND holder = :holder")
                .bind("job", job).bind("holder", holder).execute());
    }
}
