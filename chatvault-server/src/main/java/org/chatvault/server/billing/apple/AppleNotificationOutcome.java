package org.chatvault.server.billing.apple;

import java.util.Locale;

/** What became of an App Store notification that verified; every one is answered 200, so Apple stops sending it. */
public enum AppleNotificationOutcome {
    /** The subscription changed. */
    APPLIED,
    /** This notification was taken in before. */
    DUPLICATE,
    /** A newer notification of the same purchase was taken in already. */
    STALE,
    /** The subscription already stood as the notification says. */
    UNCHANGED,
    /** It concerns no subscription of this server: a test, a type that changes no entitlement, a purchase linked to no account. */
    IGNORED;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
