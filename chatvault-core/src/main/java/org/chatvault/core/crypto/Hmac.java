package org.chatvault.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 instances keyed from the arrays of this package, and re-keyed with zeros when those are wiped. */
final class Hmac {
    private static final byte[] ZERO_KEY = new byte[32];

    private Hmac() {}

    static Mac keyed(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** A {@code Mac} keeps state derived from its key (the padded key blocks); keying it with zeros overwrites that state. */
    static void rekeyWithZeros(Mac m) {
        try {
            m.init(new SecretKeySpec(ZERO_KEY, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
