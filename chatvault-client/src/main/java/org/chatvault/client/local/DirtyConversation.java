package org.chatvault.client.local;

/**
 * A conversation changed since its last backup: every change touched messages sent at or after
 * {@code dirtySince} (Long.MIN_VALUE when the conversation itself changed). {@code changeSeq}
 * lets backup mark it clean only if nothing changed while it ran.
 */
public record DirtyConversation(String conversationId, long dirtySince, long changeSeq) {}
