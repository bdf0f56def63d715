package org.chatvault.protocol.billing;

/**
 * The body Apple posts to {@code POST /v1/billing/apple/notifications} (App Store Server Notifications V2).
 *
 * @param signedPayload the notification's JWS, signed by Apple
 */
public record AppleServerNotification(String signedPayload) {}
