package org.chatvault.core.model;

/** What kind of chat a conversation is. The code is part of the vault format: never renumber. */
public enum ConversationKind implements FormatCode {
    DIRECT(1), GROUP(2), CHANNEL(3);

    private final int code;

    ConversationKind(int code) { this.code = code; }

    public int code() { return code; }

    public static ConversationKind fromCode(int code) {
        return FormatCode.fromCode(ConversationKind.class, code, "conversation kind");
    }
}
