package org.chatvault.core.crypto;

import java.security.SecureRandom;
import java.util.Locale;
import javax.security.auth.Destroyable;
import org.chatvault.core.error.WrongKeyException;

/**
 * 256 random bits shown to the user once as 64 hexadecimal characters in groups of four. Parsing
 * ignores case, spaces and dashes so the code can be typed back however it was written down.
 * {@link #close()} zeroes it; after that every method throws {@link IllegalStateException}.
 */
public final class RecoveryKey implements Destroyable, AutoCloseable {
    private final byte[] key;
    private volatile boolean destroyed;

    private RecoveryKey(byte[] key) { this.key = key; }

    public static RecoveryKey generate(SecureRandom random) {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return new RecoveryKey(k);
    }

    public static RecoveryKey parse(String code) {
        String hex = code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}"))
            throw new WrongKeyException("a recovery key is 64 hexadecimal characters (dashes and spaces are ignored)");
        return new RecoveryKey(Bytes.unhex(hex));
    }

    /** The code to show the user, once: it is the key itself, so it is never stored or logged. */
    public String toDisplayString() {
        String hex = Bytes.hex(bytes());
        StringBuilder sb = new StringBuilder(80);
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) sb.append('-');
            sb.append(hex, i, i + 4);
        }
        return sb.toString();
    }

    /** The raw key, for this package only (KeySlots derives the wrapping key from it). */
    byte[] bytes() {
        if (destroyed) throw new IllegalStateException("keys closed");
        return key;
    }

    @Override public void destroy() { destroyed = true; Bytes.wipe(key); }

    @Override public boolean isDestroyed() { return destroyed; }

    @Override public void close() { destroy(); }
}
