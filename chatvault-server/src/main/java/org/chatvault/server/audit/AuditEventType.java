package org.chatvault.server.audit;

import java.util.Locale;

/** What an audit event records; the wire name is the lower-cased constant (docs/API.md "Audit log"). */
public enum AuditEventType {
    LOGIN, LOGIN_FAILED, LOGOUT, DEVICE_ADDED, DEVICE_RENAMED, DEVICE_REVOKED, APPROVAL_REQUESTED, DEVICE_APPROVED,
    KEY_SLOT_PUT, KEY_SLOT_DELETED, PASSWORD_CHANGED, REFRESH_TOKEN_REUSED, SESSIONS_REVOKED,
    // issue 11: lifecycle
    ACCOUNT_SETTINGS_CHANGED, HISTORY_EXPIRED;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    /** @throws IllegalArgumentException for a name no constant has */
    public static AuditEventType fromWire(String name) { return valueOf(name.toUpperCase(Locale.ROOT)); }
}
