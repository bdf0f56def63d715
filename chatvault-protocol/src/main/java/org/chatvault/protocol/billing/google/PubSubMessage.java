package org.chatvault.protocol.billing.google;

/**
 * The message of a {@link PubSubPush}.
 *
 * @param data        base64 of the notification's JSON ({@code DeveloperNotification})
 * @param publishTime when Pub/Sub received it (RFC 3339)
 */
public record PubSubMessage(String data, String messageId, String publishTime) {}
