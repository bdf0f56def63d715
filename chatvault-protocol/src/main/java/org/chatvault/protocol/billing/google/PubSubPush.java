package org.chatvault.protocol.billing.google;

/**
 * {@code POST /v1/billing/google/notifications}: a Cloud Pub/Sub push of a Google Play Real-time Developer
 * Notification. Pub/Sub sends more fields (attributes, snake_case copies); they are ignored.
 *
 * @param subscription the Pub/Sub subscription that pushed it ({@code projects/P/subscriptions/S})
 */
public record PubSubPush(PubSubMessage message, String subscription) {}
