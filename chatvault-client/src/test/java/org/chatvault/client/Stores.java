package org.chatvault.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/** Reads a whole LocalStore into memory for comparisons in tests. */
final class Stores {
    private Stores() {}

    /** Conversation → its messages, ephemeral ones left out (they are never backed up). */
    static Map<Conversation, List<Message>> snapshot(LocalStore store) {
        Map<Conversation, List<Message>> out = new LinkedHashMap<>();
        for (Conversation c : store.conversations()) {
            List<Message> ms = new ArrayList<>();
            store.forEachMessage(c.id(), Long.MIN_VALUE, m -> { if (!m.ephemeral()) ms.add(m); });
            out.put(c, ms);
        }
        return out;
    }
}
