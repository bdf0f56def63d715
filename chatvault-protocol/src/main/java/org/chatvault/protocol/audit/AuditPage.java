package org.chatvault.protocol.audit;

import java.util.List;

/** The answer to {@code GET /v1/audit}: events newest first, and the {@code before} of the next page (null on the last). */
public record AuditPage(List<AuditEntry> events, Long nextBefore) {}
