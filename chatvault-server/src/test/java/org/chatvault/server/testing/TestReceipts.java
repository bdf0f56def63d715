package org.chatvault.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.chatvault.server.billing.DirectReceiptSettings;
import org.chatvault.server.billing.direct.ReceiptClaims;
import org.chatvault.server.billing.direct.ReceiptIssuer;

/** The operator's receipt key for tests: one EC P-256 pair per JVM, its public half written where a server reads it. */
public final class TestReceipts {
    public static final String ISSUER = "test-billing";
    public static final String STANDARD_YEARLY = "chatvault.standard.yearly";
    public static final String FOREVER_YEARLY = "chatvault.forever.yearly";
    private static final KeyPair KEYS = newKeyPair("EC");
    private static final ReceiptIssuer ISSUING = new ReceiptIssuer(KEYS.getPrivate());

    private TestReceipts() {}

    public static KeyPair newKeyPair(String kind) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(kind);
            if (kind.equals("EC")) g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair keys() { return KEYS; }

    /** Writes the public key to {@code dir/receipts.pub.pem} and returns settings that verify with it. */
    public static DirectReceiptSettings settings(Path dir) {
        return new DirectReceiptSettings(writePem(dir.resolve("receipts.pub.pem"), "PUBLIC KEY", KEYS.getPublic()), ISSUER);
    }

    public static Path writePem(Path file, String label, Key key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A fresh receipt (new id) for {@code product} from {@code from} to {@code until}. */
    public static String issue(String accountId, String product, Instant from, Instant until) {
        return ISSUING.issue(new ReceiptClaims(ISSUER, UUID.randomUUID().toString(), accountId, product, from, until, from));
    }

    /** A standard receipt that any test clock finds valid (2000 to 2100). */
    public static String anyTime(String accountId) {
        return issue(accountId, STANDARD_YEARLY, Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"));
    }

    /** A year of the standard plan from now on {@code clock}. */
    public static String standardYear(String accountId, Clock clock) {
        Instant now = clock.instant();
        return issue(accountId, STANDARD_YEARLY, now, now.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
    }
}
