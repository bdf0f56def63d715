package org.chatvault.server.billing.google;

/**
 * Google Play's Real-time Developer Notification, the JSON inside a Pub/Sub message's {@code data}. Exactly one of
 * the notification fields is set; kinds this server does not sell (one-time products) are read and ignored.
 *
 * @param eventTimeMillis when it happened, in epoch milliseconds (a JSON string, as Play sends it)
 */
record DeveloperNotification(String version, String packageName, String eventTimeMillis, SubscriptionNotification subscriptionNotification,
                             VoidedPurchaseNotification voidedPurchaseNotification, TestNotification testNotification) {

    /** @param notificationType Play's code: 1 RECOVERED, 2 RENEWED, 3 CANCELED, 4 PURCHASED, … (see {@link PlayNotificationType}) */
    record SubscriptionNotification(String version, Integer notificationType, String purchaseToken, String subscriptionId) {}

    /**
     * A refunded, charged-back or otherwise voided purchase.
     *
     * @param productType 1 a subscription, 2 a one-time product
     * @param refundType  1 the whole purchase, 2 part of a quantity
     */
    record VoidedPurchaseNotification(String purchaseToken, String orderId, Integer productType, Integer refundType) {}

    /** Sent from the Play Console to check the setup. */
    record TestNotification(String version) {}
}
