package org.chatvault.server.billing.apple;

import java.time.Instant;
import java.util.Optional;

/**
 * The App Store notifications this server has taken in, by Apple's {@code notificationUUID}: Apple
 * delivers one again until it sees a 2xx (and on request), and notifications of one purchase chain
 * may arrive out of order. Failures are the store's {@code StoreException}.
 */
public interface AppleNotificationLog {
    boolean seen(String notificationUuid);

    /** When Apple signed the newest notification taken in for the chain; empty if none. */
    Optional<Instant> newestSigned(String originalTransactionId);

    /**
     * Notes a notification as taken in.
     *
     * @param originalTransactionId null for one about no purchase chain (a test notification)
     * @return false if it was noted before
     */
    boolean record(String notificationUuid, String originalTransactionId, Instant signedAt, Instant receivedAt);
}
