package org.chatvault.server.store;

import org.chatvault.server.storage.ObjectStore;

import java.util.regex.Pattern;

/** The key syntax every {@link ObjectStore} accepts, checked the same way by every backend. */
public final class ObjectKeys {
    // A segment may not start with a dot, which rules out "..", "." and backends' own temp names.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private ObjectKeys() {}

    /** @throws IllegalArgumentException if {@code key} is not a valid object store key */
    public static void validate(String key) {
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("empty object store key");
        for (String seg : key.split("/", -1)) {
            if (!SEGMENT.matcher(seg).matches())
                throw new IllegalArgumentException("malformed object store key: " + key);
        }
    }
}
