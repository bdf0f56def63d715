package org.chatvault.core.model;

/** What kind of chat a conversation is. The code is part of the vault format: never renumber. */
public enum ConversationKind {
    DIRECT(1), GROUP(2), CHANNEL(3);

    private final int code;

    ConversationKind(int code) { this.code = code; }

    public int code() { return code; }

    public static ConversationKind fromCode(int code) {
        for (ConversationKind k : values()) if (k.code == code) return k;
        throw new IllegalArgumentException("unknown conversation kind code " + code);
    }
}
