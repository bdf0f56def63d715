package org.chatvault.client.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.MediaFiles;
import org.chatvault.client.local.MediaUse;
import org.chatvault.client.local.SyncState.BackedUpMedia;
import org.chatvault.client.local.SyncState.MediaKey;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.client.sync.Horizons;

/**
 * What a media backup must cover, read from the LocalStore in one pass: every file and
 * thumbnail with the month of the newest message using it (its time bucket), and which media
 * each conversation uses in each month (one media index each).
 */
record MediaPlan(Map<String, Need> files, Map<String, Need> thumbnails, Map<Group, List<MediaUse>> groups) {

    /** A content file or thumbnail to back up: its type and the bucket it belongs in. */
    record Need(String contentId, String mime, int month) {}

    /** One conversation's media of one month. */
    record Group(String conversationId, int month) {}

    /**
     * Leaves out the uses in months below the retention horizon this store knows (docs/FORMAT.md
     * §8.1): media only they use is not uploaded, and their media indexes are not written.
     */
    static MediaPlan read(LocalStore store) {
        RetentionHorizon horizon = Horizons.known(store.syncState());
        Map<String, Need> files = new LinkedHashMap<>();
        Map<String, Need> thumbnails = new LinkedHashMap<>();
        Map<Group, List<MediaUse>> groups = new LinkedHashMap<>();
        store.forEachMediaUse(u -> {
            int month = Months.of(u.sentAt());
            if (horizon.expired(month)) return;
            files.merge(u.contentId(), new Need(u.contentId(), u.mime(), month), MediaPlan::newer);
            if (u.thumbnailId() != null)
                thumbnails.merge(u.thumbnailId(), new Need(u.thumbnailId(), "image/jpeg", month), MediaPlan::newer);
            groups.computeIfAbsent(new Group(u.conversationId(), month), g -> new ArrayList<>()).add(u);
        });
        return new MediaPlan(files, thumbnails, groups);
    }

    private static Need newer(Need a, Need b) {
        return b.month() > a.month() ? b : a;
    }

    /** A file or thumbnail to upload, with its size on this device. */
    record Todo(Need need, MediaRef.Role role, long size) {}

    /** What is not on the server yet and this device can send, and how many such files it lacks. */
    record Outstanding(List<Todo> todo, int missingLocally) {}

    /**
     * What is not on the server yet ({@code have} lacks it): thumbnails first, since a restore shows
     * them before any full file, each newest first.
     */
    Outstanding outstanding(Map<MediaKey, BackedUpMedia> have, MediaFiles files) {
        List<Todo> todo = new ArrayList<>();
        int missingLocally = addTodo(thumbnails, MediaRef.Role.THUMBNAIL, have, files, todo)
                + addTodo(this.files, MediaRef.Role.FILE, have, files, todo);
        return new Outstanding(todo, missingLocally);
    }

    /** Queues, newest first, what is not in the vault yet; returns how many are not on this device. */
    private static int addTodo(Map<String, Need> needs, MediaRef.Role role, Map<MediaKey, BackedUpMedia> have, MediaFiles files,
                               List<Todo> todo) {
        int missingLocally = 0;
        for (Need n : newestFirst(needs)) {
            if (have.containsKey(new MediaKey(n.contentId(), role))) continue;
            Optional<Long> size = safeSize(files, n.contentId());
            if (size.isEmpty()) missingLocally++;
            else todo.add(new Todo(n, role, size.get()));
        }
        return missingLocally;
    }

    private static List<Need> newestFirst(Map<String, Need> needs) {
        List<Need> out = new ArrayList<>(needs.values());
        out.sort(Comparator.comparingInt(Need::month).reversed());
        return out;
    }

    private static Optional<Long> safeSize(MediaFiles files, String contentId) {
        return MediaFiles.validId(contentId) ? files.size(contentId) : Optional.empty();
    }

    /** Groups by conversation, months ascending. */
    Map<String, List<Group>> groupsByConversation() {
        Map<String, List<Group>> out = new HashMap<>();
        for (Group g : groups.keySet()) out.computeIfAbsent(g.conversationId(), c -> new ArrayList<>()).add(g);
        for (List<Group> l : out.values()) l.sort((x, y) -> Integer.compare(x.month(), y.month()));
        return out;
    }
}
