package org.chatvault.client.restore;

import java.time.Duration;

/**
 * What a restore did. {@code firstScreen} is null when the vault was empty; the byte counts are
 * ciphertext fetched from the server in this run (a resumed restore does not refetch).
 */
public record RestoreReport(long version, int conversations, long messages, long segmentsFetched, Duration firstScreen,
                            long bytesBeforeFirstScreen, Duration allText, long bytesFetched) {}
