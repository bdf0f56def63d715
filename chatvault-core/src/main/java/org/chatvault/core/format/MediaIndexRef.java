package org.chatvault.core.format;

import java.util.Objects;

/** What a conversation index (schema 2, docs/FORMAT.md §15) records about one of its media indexes. */
public record MediaIndexRef(int month, ObjectId id) {
    public MediaIndexRef {
        Objects.requireNonNull(id, "id");
        if (!Months.isValid(month)) throw new IllegalArgumentException("media index month " + month + " is not a yyyymm month from 1970 to 9999");
    }
}
