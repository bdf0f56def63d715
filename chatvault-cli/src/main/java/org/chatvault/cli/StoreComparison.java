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
        return out;
    }
}
