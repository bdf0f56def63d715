package org.chatvault.server.abuse;

import java.util.Locale;

/**
 * The actions that are rate-limited, each per client address and per account (or, before there
 * is an account, per username). Their rates are in {@link AbuseLimits#rates()}.
 */
public enum RateLimit {
    /** {@code POST /v1/sessions}; per username, so also for names that do not exist. */
    LOGIN,
    /** {@code POST /v1/accounts}; per username asked for. */
    REGISTER,
    /** {@code GET /v1/keyslots}: the wrapped master keys, which a thief would take to guess offline. */
    KEY_SLOT_READ,
    /** Device approval requests and answers. */
    APPROVAL;

    /** The name in settings and bucket keys: {@code login}, {@code register}, {@code key-slot-read}, {@code approval}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
