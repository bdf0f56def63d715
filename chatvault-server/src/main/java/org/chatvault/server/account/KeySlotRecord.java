package org.chatvault.server.account;

import java.time.Instant;

/** An opaque key slot blob; the server cannot open it. */
public record KeySlotRecord(String slotId, String kind, byte[] blob, Instant updatedAt) {}
