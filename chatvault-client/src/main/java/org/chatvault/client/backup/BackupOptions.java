package org.chatvault.client.backup;

/**
 * Tuning of the upload: a batch is sent once it holds {@code batchBytes} of objects or
 * {@code batchObjects} objects. Larger batches mean fewer round trips; smaller ones lose less
 * work when a connection drops mid-batch. {@code parallelUploads} batches may be in flight at
 * once, so the client sends one while the server writes another.
 */
public record BackupOptions(int batchBytes, int batchObjects, int parallelUploads) {
    /**
     * Two batches in flight: the server writes and syncs one batch's packs while the next one
     * streams, instead of the connection idling through every fsync.
     */
    public static final BackupOptions DEFAULT = new BackupOptions(8 * 1024 * 1024, 4_000, 2);

    public BackupOptions {
        if (batchBytes < 1 || batchBytes > 48 * 1024 * 1024) throw new IllegalArgumentException("batchBytes must be 1 B to 48 MiB");
        if (batchObjects < 1 || batchObjects > 10_000) throw new IllegalArgumentException("batchObjects must be 1 to 10,000");
        if (parallelUploads < 1 || parallelUploads > 8) throw new IllegalArgumentException("parallelUploads must be 1 to 8");
    }

    /** One upload at a time. */
    public BackupOptions(int batchBytes, int batchObjects) {
        this(batchBytes, batchObjects, 1);
    }
}
