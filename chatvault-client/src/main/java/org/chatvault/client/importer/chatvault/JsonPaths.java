package org.chatvault.client.importer.chatvault;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** The place a streaming parser is at, as a JSON path a person can follow: {@code $.conversations[0].messages[3].sentAt}. */
final class JsonPaths {
    private JsonPaths() {}

    static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                // at the array's '[' no element is current yet: the place is the array itself
                if (c.hasCurrentIndex()) parts.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                String name = c.getCurrentName();
                parts.push(name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "['" + name.replace("'", "\\'") + "']");
            }
        }
        return "$" + String.join("", parts);
    }
}
