package org.chatvault.server.account;

/** A key slot as the API shows it: the blob stays opaque to the server. */
public record KeySlot(String slotId, String kind, byte[] blob) {}
