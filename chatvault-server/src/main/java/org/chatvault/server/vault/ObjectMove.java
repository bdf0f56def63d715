package org.chatvault.server.vault;

import org.chatvault.core.format.ObjectId;

/**
 * One object copied into a new pack: its row is re-pointed to {@code toOffset} in the new pack
 * only if it still says {@code fromPackId}/{@code fromOffset}, so a row that changed meanwhile
 * (purged, moved by another job) is left alone.
 */
public record ObjectMove(ObjectId id, String fromPackId, long fromOffset, long toOffset) {}
