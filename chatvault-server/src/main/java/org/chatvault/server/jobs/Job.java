package org.chatvault.server.jobs;

/** A background job, run by the server's {@link JobScheduler} and by operators (with {@code chatvault jobs run}). */
public interface Job {
    /** The name operators call it by. */
    String name();

    /**
     * Runs once under the job's lease (a real run) or without one (a dry run), and gives the
     * lease up afterwards.
     *
     * @param dryRun true to only work out what the job would do: nothing in the metadata
     *               database or the object store changes
     * @throws org.chatvault.server.storage.StoreException if the metadata database fails
     */
    JobResult run(boolean dryRun);
}
