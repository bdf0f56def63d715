package org.chatvault.server.audit;

import java.util.List;

/**
 * The accounts' audit logs in the metadata database, keyed by account.
 *
 * <p>Failures: every method throws {@link org.chatvault.server.storage.StoreException} when the
 * backend fails; an append that throws stored nothing. Implementations are thread-safe.
 */
public interface AuditStore {
    /** Stores the event under a new id greater than every id the store gave before ({@code event.eventId()} is ignored). */
    void append(AuditEvent event);

    /** Stores several events, each as {@link #append} would, in one transaction where the store has them. */
    default void appendAll(List<AuditEvent> events) {
        for (AuditEvent e : events) append(e);
    }

    /** Up to {@code limit} events of the account with an id below {@code beforeId}, newest first. */
    List<AuditEvent> list(String accountId, long beforeId, int limit);
}
