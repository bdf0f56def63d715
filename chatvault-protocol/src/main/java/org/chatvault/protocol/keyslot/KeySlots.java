package org.chatvault.protocol.keyslot;

import java.util.List;

/** The answer to {@code GET /v1/keyslots}. */
public record KeySlots(List<KeySlot> slots) {}
