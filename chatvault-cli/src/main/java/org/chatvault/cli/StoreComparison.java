package org.chatvault.cli;

import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/** Compares two LocalStores as a user would: same conversations, same backed-up messages. */
final class StoreComparison {
    private StoreComparison() {}

    /** Up to {@code max} differences; empty when the stores hold the same history (ephemeral messages aside). */
    static List<String> differences(LocalStore original, LocalStore restored, int max) {
        List<String> out = new ArrayList<>();
        List<Conversation> a = original.conversations(), b = restored.conversations();
        if (!a.equals(b)) out.add("conversation lists differ: " + a.size() + " vs " + b.size());
        for (Conversation c : a) {
            if (out.size() >= max) break;
            List<Message> ma = new ArrayList<>(), mb = new ArrayList<>();
            original.forEachMessage(c.id(), Long.MIN_VALUE, m -> { if (!m.ephemeral()) ma.add(m); });
            restored.forEachMessage(c.id(), Long.MIN_VALUE, mb::add);
            if (!ma.equals(mb)) {
                int i = 0;
                while (i < Math.min(ma.size(), mb.size()) && ma.get(i).equals(mb.get(i))) i++;
                out.add("conversation " + c.id() + ": " + ma.size() + " vs " + mb.size() + " messages, first difference at #" + i
                        + (i < Math.min(ma.size(), mb.size()) ? ": " + ma.get(i) + " vs " + mb.get(i) : ""));
            }
        }
        if (out.size() < max) mediaDifferences(original, restored, max - out.size(), out);
        return out;
    }

    /** Every media file of the original (that a backup covers) is on the restored device with the same bytes. */
    private static void mediaDifferences(LocalStore original, LocalStore restored, int max, List<String> out) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        original.forEachMediaUse(u -> {
            ids.add(u.contentId());
            if (u.thumbnailId() != null) ids.add(u.thumbnailId());
        });
        int found = 0;
        for (String id : ids) {
            if (found >= max) return;
            if (!org.chatvault.client.local.MediaFiles.validId(id) || !original.media().has(id)) continue;
            java.nio.file.Path want = original.media().path(id), got = restored.media().path(id);
            try {
                if (!java.nio.file.Files.exists(got)) out.add("media " + id + " was not restored");
                else if (java.nio.file.Files.mismatch(want, got) != -1) out.add("media " + id + " differs");
                else continue;
            } catch (java.io.IOException e) {
                out.add("media " + id + ": " + e.getMessage());
            }
            found++;
        }
    }
}
