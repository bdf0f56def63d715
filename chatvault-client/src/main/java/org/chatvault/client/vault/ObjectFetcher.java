package org.chatvault.client.vault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RootManifest;

/** Fetches objects and opens them (authenticate, decrypt, check the id), adding the bytes fetched to {@code bytes}. */
public record ObjectFetcher(ObjectSource source, ObjectCodec codec, AtomicLong bytes) {
    /** Fetching from the server. */
    public ObjectFetcher(VaultApi api, ObjectCodec codec, AtomicLong bytes) {
        this(new ServerObjects(api), codec, bytes);
    }

    /** Plaintexts in the order of {@code ids}; every object must be of {@code kind}. */
    public Map<ObjectId, byte[]> open(List<ObjectId> ids, ObjectKind kind) {
        Map<ObjectId, byte[]> out = new LinkedHashMap<>();
        source.fetch(ids, f -> {
            bytes.addAndGet(f.body().length);
            out.put(f.id(), codec.open(f.id(), kind, f.body()));
        });
        Map<ObjectId, byte[]> ordered = new LinkedHashMap<>();
        for (ObjectId id : ids) ordered.put(id, out.get(id));
        return ordered;
    }

    /** What {@link #openAvailable} could open, and why each other object could not be. */
    public record Available(Map<ObjectId, byte[]> opened, Map<ObjectId, String> unreadable) {}

    /**
     * Opens what can be opened of {@code ids}: an object the server lacks or cannot read, or one
     * that fails to authenticate or decrypt, is left out and reported with the reason, so one
     * damaged object costs only itself. Other failures (the network, the session) still throw.
     */
    public Available openAvailable(List<ObjectId> ids, ObjectKind kind) {
        Map<ObjectId, byte[]> opened = new LinkedHashMap<>();
        Map<ObjectId, String> unreadable = new LinkedHashMap<>();
        List<ObjectId> todo = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        while (!todo.isEmpty()) {
            try {
                source.fetch(todo, f -> {
                    bytes.addAndGet(f.body().length);
                    try {
                        opened.put(f.id(), codec.open(f.id(), kind, f.body()));
                    } catch (CorruptDataException e) {
                        unreadable.put(f.id(), "damaged: " + e.getMessage());
                    }
                });
                break;
            } catch (ObjectsUnavailableException e) {
                // The objects it holds were handed over; the ones it names are not there to be had.
                todo.removeAll(opened.keySet());
                todo.removeAll(unreadable.keySet());
                boolean progress = false;
                for (ObjectId id : e.ids()) {
                    if (!todo.remove(id)) continue;
                    unreadable.put(id, e.reason());
                    progress = true;
                }
                if (!progress) throw e; // it names none still asked for: asking again would loop
            } catch (ServerRefusedException e) {
                if (!"object_unreadable".equals(e.code()) && !"object_not_found".equals(e.code())) throw e;
                todo.removeAll(opened.keySet());
                todo.removeAll(unreadable.keySet());
                List<ObjectId> named = e.ids().stream().map(ObjectId::parse).filter(todo::contains).toList();
                if (!named.isEmpty()) {
                    for (ObjectId id : named) unreadable.put(id, "unreadable on the server (its pack is missing or damaged)");
                    todo.removeAll(named);
                } else if (todo.size() == 1) {
                    unreadable.put(todo.removeFirst(), "object_not_found".equals(e.code()) ? "missing on the server" : e.getMessage());
                } else {
                    // The answer names none of them: find the absent ones by halves.
                    int half = todo.size() / 2;
                    Available a = openAvailable(new ArrayList<>(todo.subList(0, half)), kind);
                    Available b = openAvailable(new ArrayList<>(todo.subList(half, todo.size())), kind);
                    for (Available x : List.of(a, b)) {
                        opened.putAll(x.opened());
                        unreadable.putAll(x.unreadable());
                    }
                    todo.clear();
                }
            }
        }
        Map<ObjectId, byte[]> ordered = new LinkedHashMap<>();
        for (ObjectId id : ids) if (opened.containsKey(id)) ordered.put(id, opened.get(id));
        return new Available(ordered, unreadable);
    }

    public byte[] openOne(ObjectId id, ObjectKind kind) {
        return open(new ArrayList<>(List.of(id)), kind).get(id);
    }

    public RootManifest root(ObjectId id) {
        return RootManifest.decode(openOne(id, ObjectKind.ROOT_MANIFEST));
    }
}
