package org.chatvault.protocol.billing;

/**
 * The answer to an App Store notification that verified (Apple needs only the 200).
 *
 * @param outcome {@code applied}, {@code duplicate} (taken in before), {@code stale} (a newer one of the same purchase was
 *                taken in), {@code unchanged} (the subscription already stood so) or {@code ignored} (about no subscription here)
 */
public record AppleNotificationTaken(String outcome) {}
