package org.chatvault.server.vault;

import java.util.List;

/** A pack blob already written to the {@link ObjectStore}, with the objects it holds. */
public record NewPack(String packId, int bucket, String storageKey, long length, List<ObjectEntry> objects) {}
