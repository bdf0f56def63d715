package org.chatvault.client.restore;

import java.time.Duration;

/**
 * What a restore did. Times count from the start: {@code firstScreen} (null when the vault was
 * empty), {@code allText} (every message readable), {@code searchable} (every message in the search
 * index). Byte counts are ciphertext fetched in this run (a resumed restore does not refetch).
 */
public record RestoreReport(long version, int conversations, long messages, long segmentsFetched, Duration firstScreen,
                            long bytesBeforeFirstScreen, Duration allText, long bytesFetched, Duration searchable) {}
