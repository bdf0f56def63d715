package org.chatvault.server.vault;

import java.time.Instant;

/**
 * One pack of an account and how much of it is still live.
 *
 * @param liveObjects objects in the pack no commit has dropped
 * @param liveBytes   their bodies' bytes (frame headers not included)
 * @param vacatedAt   the last time objects were moved out of the pack, or null
 */
public record PackStats(String packId, int bucket, String storageKey, long length, Instant createdAt, Instant vacatedAt,
                        long liveObjects, long liveBytes) {}
