package org.chatvault.protocol.audit;

/**
 * One event of the audit log; {@code at} in epoch milliseconds.
 *
 * @param event    what happened (docs/API.md "Audit log" lists the names)
 * @param deviceId the device that acted or was acted on, or null
 * @param detail   a short text (a slot id, a device name, a count), or null
 */
public record AuditEntry(long id, long at, String event, String deviceId, String detail) {}
