package org.chatvault.client.local;

/**
 * One attachment of a message that is backed up (not ephemeral): which content it uses, with
 * its thumbnail, and when it was sent, which decides the month its media is filed under.
 */
public record MediaUse(String conversationId, long sentAt, String contentId, String mime, long size, String thumbnailId) {}
