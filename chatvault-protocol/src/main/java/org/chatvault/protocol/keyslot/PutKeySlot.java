package org.chatvault.protocol.keyslot;

/** {@code PUT /v1/keyslots/{slotId}}: {@code kind} is recovery, passphrase or device; {@code blob} base64. */
public record PutKeySlot(String kind, String blob) {}
