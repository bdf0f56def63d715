package org.chatvault.server.account;

/** How a change to a key slot ended in the store. */
public enum KeySlotOutcome {
    /** Done; a slot it replaced or deleted is retired, not gone (purged after the safety delay). */
    DONE,
    /** The account has no such slot (a delete only). */
    NOT_FOUND,
    /** Refused, changing nothing: it would leave the account without a recovery slot. */
    LAST_RECOVERY
}
