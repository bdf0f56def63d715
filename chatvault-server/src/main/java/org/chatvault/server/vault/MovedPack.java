package org.chatvault.server.vault;

import java.util.List;

/** A pack blob already written to the {@link ObjectStore} holding copies of objects of other packs. */
public record MovedPack(String packId, int bucket, String storageKey, long length, List<ObjectMove> moves) {}
