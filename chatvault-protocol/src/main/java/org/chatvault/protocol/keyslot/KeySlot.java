package org.chatvault.protocol.keyslot;

/** One key slot as listed: {@code blob} is base64 of what the client stored, opaque to the server. */
public record KeySlot(String slotId, String kind, String blob) {}
