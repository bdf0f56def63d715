package org.chatvault.client.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.FileRecipe;
import org.chatvault.core.format.MediaIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RetentionHorizon;

/**
 * The media half of verify: media indexes and file recipes are read and checked against what
 * references them; every chunk, single object and thumbnail is checked to exist; with
 * {@link VerifyOptions#readData()} they are fetched and authenticated too (all, or a sample of
 * files). Each problem names the conversation, the message and the file when this device knows
 * them.
 */
final class MediaVerifier {
    private static final long FETCH_BYTES = 32L * 1024 * 1024;

    /** One file or thumbnail to check, and where it is used. */
    private record Use(MediaRef ref, String conversationId, String conversationTitle, int month) {}

    /** The verify run's own fetcher: its API client, its codec and its count of bytes fetched. */
    private final ObjectFetcher fetcher;
    private final LocalStore names; // may be null: problems then name content ids only
    private final VerifyOptions options;
    private final List<String> problems;
    long files;
    long objectsRead;
    /** Objects the server holds but failed to return, with why. */
    private final Map<ObjectId, String> unreadable = new HashMap<>();

    MediaVerifier(ObjectFetcher fetcher, LocalStore names, VerifyOptions options, List<String> problems) {
        this.fetcher = fetcher;
        this.names = names;
        this.options = options;
        this.problems = problems;
    }

    /** Checks the media of {@code indexes}, but none of a month below {@code horizon}: that expired under the plan. */
    void verify(List<ConversationIndex> indexes, RetentionHorizon horizon) {
        Map<String, Use> uses = new LinkedHashMap<>();
        List<ObjectId> indexIds = new ArrayList<>();
        for (ConversationIndex idx : indexes) for (MediaIndexRef m : idx.media()) if (!horizon.expired(m.month())) indexIds.add(m.id());
        Map<ObjectId, byte[]> indexBodies = fetch(indexIds);
        for (ConversationIndex idx : indexes) {
            for (MediaIndexRef m : idx.media()) if (!horizon.expired(m.month())) readMediaIndex(idx, m, indexBodies.get(m.id()), uses);
        }
        files = uses.size();
        // Which objects each use needs; recipes are read now (small), their chunks listed.
        Map<ObjectId, List<Use>> needers = new LinkedHashMap<>();
        Map<ObjectId, Integer> expectedLength = new HashMap<>();
        Map<Use, List<FileRecipe.ChunkRef>> chunksOf = new HashMap<>();
        List<Use> recipes = uses.values().stream().filter(u -> u.ref().shape() == MediaRef.Shape.RECIPE).toList();
        Map<ObjectId, byte[]> recipeBodies = fetch(recipes.stream().map(u -> u.ref().objectId()).distinct().toList());
        for (Use u : uses.values()) {
            if (u.ref().shape() == MediaRef.Shape.SINGLE) {
                needers.computeIfAbsent(u.ref().objectId(), k -> new ArrayList<>()).add(u);
                expectedLength.put(u.ref().objectId(), (int) u.ref().size());
                continue;
            }
            byte[] body = recipeBodies.get(u.ref().objectId());
            if (body == null) {
                problems.add(describe(u) + ": its file recipe " + u.ref().objectId() + " "
                        + unreadable.getOrDefault(u.ref().objectId(), "is missing on the server"));
                continue;
            }
            try {
                FileRecipe recipe = FileRecipe.decode(fetcher.codec().open(u.ref().objectId(), ObjectKind.FILE_RECIPE, body));
                if (recipe.size() != u.ref().size()) {
                    problems.add(describe(u) + ": recipe lists " + recipe.size() + " bytes, the media index " + u.ref().size());
                    continue;
                }
                chunksOf.put(u, recipe.chunks());
                for (FileRecipe.ChunkRef c : recipe.chunks()) {
                    needers.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(u);
                    expectedLength.put(c.id(), c.length());
                }
            } catch (CorruptDataException e) {
                problems.add(describe(u) + ": file recipe " + u.ref().objectId() + ": " + e.getMessage());
            }
        }
        // Presence of everything, without reading it.
        List<ObjectId> all = new ArrayList<>(needers.keySet());
        Set<ObjectId> absent = new LinkedHashSet<>();
        absent.addAll(fetcher.source().missing(all)); // the client splits long lists into requests itself
        Set<Use> reported = new LinkedHashSet<>();
        for (ObjectId id : absent) {
            for (Use u : needers.get(id)) {
                if (reported.add(u)) problems.add(describe(u) + ": object " + id + " is missing on the server");
            }
        }
        if (!options.readData()) return;
        // Contents: authenticate and check the length of each object of the (sampled) files.
        SplittableRandom sampler = new SplittableRandom(options.seed());
        List<ObjectId> toRead = new ArrayList<>();
        Set<ObjectId> queued = new LinkedHashSet<>();
        for (Use u : uses.values()) {
            if (reported.contains(u)) continue;
            if (options.sample() < 1 && sampler.nextDouble() >= options.sample()) continue;
            List<ObjectId> ids = u.ref().shape() == MediaRef.Shape.SINGLE ? List.of(u.ref().objectId())
                    : chunksOf.getOrDefault(u, List.of()).stream().map(FileRecipe.ChunkRef::id).toList();
            for (ObjectId id : ids) if (queued.add(id)) toRead.add(id);
        }
        List<ObjectId> group = new ArrayList<>();
        long groupBytes = 0;
        for (ObjectId id : toRead) {
            group.add(id);
            groupBytes += expectedLength.getOrDefault(id, 0);
            if (groupBytes >= FETCH_BYTES) {
                readAndCheck(group, needers, expectedLength, reported);
                group.clear();
                groupBytes = 0;
            }
        }
        readAndCheck(group, needers, expectedLength, reported);
    }

    private void readMediaIndex(ConversationIndex idx, MediaIndexRef m, byte[] body, Map<String, Use> uses) {
        String where = "conversation " + idx.conversation().id() + " (" + idx.conversation().title() + "), media of " + m.month();
        if (body == null) {
            problems.add(where + ": media index " + m.id() + " " + unreadable.getOrDefault(m.id(), "is missing on the server"));
            return;
        }
        try {
            MediaIndex index = MediaIndex.decode(fetcher.codec().open(m.id(), ObjectKind.MEDIA_INDEX, body));
            if (!index.conversationId().equals(idx.conversation().id()) || index.month() != m.month()) {
                problems.add(where + ": media index " + m.id() + " belongs to " + index.conversationId() + ", " + index.month());
                return;
            }
            for (MediaRef ref : index.refs()) {
                uses.putIfAbsent(ref.role().code() + ":" + ref.contentId(),
                        new Use(ref, idx.conversation().id(), idx.conversation().title(), m.month()));
            }
        } catch (CorruptDataException e) {
            problems.add(where + ": media index " + m.id() + ": " + e.getMessage());
        }
    }

    private void readAndCheck(List<ObjectId> ids, Map<ObjectId, List<Use>> needers, Map<ObjectId, Integer> expectedLength, Set<Use> reported) {
        if (ids.isEmpty()) return;
        Map<ObjectId, byte[]> bodies = fetch(ids);
        for (ObjectId id : ids) {
            Use first = needers.get(id).getFirst();
            ObjectKind kind = first.ref().role() == MediaRef.Role.THUMBNAIL ? ObjectKind.THUMBNAIL : ObjectKind.MEDIA_CHUNK;
            String problem = null;
            byte[] body = bodies.get(id);
            if (body == null) problem = "object " + id + " " + unreadable.getOrDefault(id, "is missing on the server");
            else {
                try {
                    int length = fetcher.codec().open(id, kind, body).length;
                    objectsRead++;
                    if (length != expectedLength.get(id)) problem = "object " + id + " holds " + length + " bytes, expected " + expectedLength.get(id);
                } catch (CorruptDataException e) {
                    // The codec's message already names the object and what is wrong with it.
                    problem = e.getMessage().contains(id.hex()) ? e.getMessage() : "object " + id + " is damaged: " + e.getMessage();
                }
            }
            if (problem == null) continue;
            for (Use u : needers.get(id)) if (reported.add(u)) problems.add(describe(u) + ": " + problem);
        }
    }

    /**
     * Bodies by id; objects the server lacks, or fails to read, are absent from the map (the
     * reason for the latter in {@link #unreadable}).
     */
    private Map<ObjectId, byte[]> fetch(List<ObjectId> ids) {
        Map<ObjectId, byte[]> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        Set<ObjectId> absent = new LinkedHashSet<>(fetcher.source().missing(ids));
        List<ObjectId> present = ids.stream().filter(id -> !absent.contains(id)).toList();
        if (present.isEmpty()) return out;
        try {
            fetcher.source().fetch(present, f -> {
                fetcher.bytes().addAndGet(f.body().length);
                out.put(f.id(), f.body());
            });
        } catch (ServerRefusedException e) {
            // One damaged pack fails the whole request: go object by object to find which.
            for (ObjectId id : present) {
                if (out.containsKey(id)) continue;
                try {
                    fetcher.source().fetch(List.of(id), f -> {
                        fetcher.bytes().addAndGet(f.body().length);
                        out.put(f.id(), f.body());
                    });
                } catch (ServerRefusedException one) {
                    unreadable.put(id, "the server cannot read it (HTTP " + one.status() + ")");
                }
            }
        }
        return out;
    }

    private String describe(Use u) {
        String file = u.ref().role() == MediaRef.Role.THUMBNAIL ? "thumbnail " + u.ref().contentId() : "file " + u.ref().contentId();
        String message = "";
        if (names != null) {
            var place = names.findAttachment(u.conversationId(), u.ref().contentId());
            if (place.isPresent()) {
                message = ", message " + place.get().messageId();
                if (u.ref().role() == MediaRef.Role.FILE) file = "file \"" + place.get().name() + "\" (" + u.ref().contentId() + ")";
            }
        }
        return "conversation " + u.conversationId() + " (" + u.conversationTitle() + ")" + message + ", " + file;
    }
}
