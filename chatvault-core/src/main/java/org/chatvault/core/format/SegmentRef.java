package org.chatvault.core.format;

/** What a conversation index records about one segment. */
public record SegmentRef(ObjectId id, int month, long firstSentAt, long lastSentAt, int count, int plainSize) {}
