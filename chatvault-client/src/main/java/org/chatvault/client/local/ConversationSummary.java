package org.chatvault.client.local;

import org.chatvault.core.model.Conversation;

/** A conversation with its message count and the time of its newest message (0 when empty). */
public record ConversationSummary(Conversation conversation, long messageCount, long lastActivity) {}
