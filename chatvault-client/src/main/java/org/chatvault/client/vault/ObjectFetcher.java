package org.chatvault.client.vault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RootManifest;

/** Fetches objects and opens them (authenticate, decrypt, check the id), counting bytes fetched. */
public final class ObjectFetcher {
    private final VaultApi api;
    private final ObjectCodec codec;
    private final AtomicLong bytes;

    public ObjectFetcher(VaultApi api, ObjectCodec codec, AtomicLong bytesCounter) {
        this.api = api;
        this.codec = codec;
        this.bytes = bytesCounter;
    }

    /** Plaintexts in the order of {@code ids}; every object must be of {@code kind}. */
    public Map<ObjectId, byte[]> open(List<ObjectId> ids, ObjectKind kind) {
        Map<ObjectId, byte[]> out = new LinkedHashMap<>();
        api.fetch(ids, f -> {
            bytes.addAndGet(f.body().length);
            out.put(f.id(), codec.open(f.id(), kind, f.body()));
        });
        Map<ObjectId, byte[]> ordered = new LinkedHashMap<>();
        for (ObjectId id : ids) ordered.put(id, out.get(id));
        return ordered;
    }

    public byte[] openOne(ObjectId id, ObjectKind kind) {
        return open(new ArrayList<>(List.of(id)), kind).get(id);
    }

    public RootManifest root(ObjectId id) {
        return RootManifest.decode(openOne(id, ObjectKind.ROOT_MANIFEST));
    }
}
