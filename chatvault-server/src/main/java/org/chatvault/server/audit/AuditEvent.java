package org.chatvault.server.audit;

import java.time.Instant;

/**
 * One entry of an account's audit log. Holds no secret: ids, names and counts only.
 *
 * @param eventId  increases with every event; the log is read newest first and paged by it (0 before it is stored)
 * @param deviceId the device that acted or was acted on, if any
 * @param detail   a short text for the user (a slot id, a device name, a count), if any
 */
public record AuditEvent(long eventId, String accountId, Instant at, AuditEventType type, String deviceId, String detail) {}
