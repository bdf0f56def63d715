package org.chatvault.server.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what happens to an account's sessions, devices and keys (docs/API.md "Audit log"), and
 * reads it back a page at a time. Callers pass ids, names and counts only, never a secret.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;
    /** Details are for people, and bounded so a long device name cannot bloat the log. */
    static final int MAX_DETAIL = 200;

    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(String accountId, AuditEventType type, String deviceId, String detail) {
        store.append(event(accountId, type, deviceId, detail));
        log.debug("audit {} {} device {}", accountId, type.wireName(), deviceId);
    }

    /** One event of the same kind for each account ({@code detailByAccount}: account id to detail), in one transaction; no device. */
    public void recordAll(AuditEventType type, Map<String, String> detailByAccount) {
        store.appendAll(detailByAccount.entrySet().stream().map(e -> event(e.getKey(), type, null, e.getValue())).toList());
    }

    private AuditEvent event(String accountId, AuditEventType type, String deviceId, String detail) {
        String d = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        return new AuditEvent(0, accountId, clock.instant(), type, deviceId, d);
    }

    /** A page of the account's events, newest first. */
    public record Page(List<AuditEvent> events, Long nextBefore) {}

    /**
     * @param before only events older than this id (null: from the newest)
     * @param limit  page size (null: {@link #DEFAULT_PAGE})
     * @throws IllegalArgumentException for a limit outside 1–{@link #MAX_PAGE} or a negative {@code before}
     */
    public Page page(String accountId, Long before, Integer limit) {
        int n = limit == null ? DEFAULT_PAGE : limit;
        if (n < 1 || n > MAX_PAGE) throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        if (before != null && before < 0) throw new IllegalArgumentException("before must not be negative");
        List<AuditEvent> events = store.list(accountId, before == null ? Long.MAX_VALUE : before, n + 1);
        if (events.size() <= n) return new Page(events, null);
        List<AuditEvent> page = events.subList(0, n);
        return new Page(List.copyOf(page), page.get(n - 1).eventId());
    }
}
