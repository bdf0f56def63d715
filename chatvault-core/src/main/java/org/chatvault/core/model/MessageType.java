package org.chatvault.core.model;

/** The type of a message. The code is part of the vault format: never renumber. */
public enum MessageType implements FormatCode {
    TEXT(1), IMAGE(2), VOICE(3), VIDEO(4), FILE(5), STICKER(6), LINK(7), LOCATION(8), SYSTEM(9), CONTACT(10), POLL(11);

    private final int code;

    MessageType(int code) { this.code = code; }

    public int code() { return code; }

    public static MessageType fromCode(int code) {
        return FormatCode.fromCode(MessageType.class, code, "message type");
    }
}
