package org.chatvault.client.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.MediaUse;
import org.chatvault.core.format.Months;

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

    static MediaPlan read(LocalStore store) {
        Map<String, Need> files = new LinkedHashMap<>();
        Map<String, Need> thumbnails = new LinkedHashMap<>();
        Map<Group, List<MediaUse>> groups = new LinkedHashMap<>();
        store.forEachMediaUse(u -> {
            int month = Months.of(u.sentAt());
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

    /** Groups by conversation, months ascending. */
    Map<String, List<Group>> groupsByConversation() {
        Map<String, List<Group>> out = new HashMap<>();
        for (Group g : groups.keySet()) out.computeIfAbsent(g.conversationId(), c -> new ArrayList<>()).add(g);
        for (List<Group> l : out.values()) l.sort((x, y) -> Integer.compare(x.month(), y.month()));
        return out;
    }
}
