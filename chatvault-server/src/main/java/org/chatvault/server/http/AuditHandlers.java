package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.audit.AuditEntry;
import org.chatvault.protocol.audit.AuditPage;
import org.chatvault.server.audit.AuditLog;

/** {@code /v1/audit}. */
record AuditHandlers(AuditLog audit) {
    void page(Context ctx) {
        Long before = number(ctx, "before");
        Long limit = number(ctx, "limit");
        AuditLog.Page page;
        try {
            page = audit.page(AuthFilter.principal(ctx).accountId(), before, limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new RequestException.BadRequest(e.getMessage());
        }
        ctx.json(new AuditPage(page.events().stream()
                .map(e -> new AuditEntry(e.eventId(), e.at().toEpochMilli(), e.type().wireName(), e.deviceId(), e.detail())).toList(),
                page.nextBefore()));
    }

    private static Long number(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) return null;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new RequestException.BadRequest("'" + name + "' must be a whole number");
        }
    }
}
