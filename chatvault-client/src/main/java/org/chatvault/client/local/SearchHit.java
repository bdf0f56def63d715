package org.chatvault.client.local;

import org.chatvault.core.model.Message;

/** A message found by search, with the title of its conversation. */
public record SearchHit(String conversationTitle, Message message) {}
