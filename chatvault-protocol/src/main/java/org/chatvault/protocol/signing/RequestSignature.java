package org.chatvault.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a signed request signs (docs/API.md "Signed requests"): the one definition both the client
 * and the server build the message from. The message is ASCII lines joined by {@code \n}:
 * <pre>
 * chatvault/v1/request
 * {account id}
 * {METHOD}
 * {path, e.g. /v1/keyslots/recovery, without query}
 * {timestamp, epoch milliseconds, decimal}
 * {SHA-256 of the request body, lower-case hex (of zero bytes when there is no body)}
 * </pre>
 * and the signature is Ed25519 under the vault signing key, base64 in {@link #SIGNATURE_HEADER},
 * with the timestamp in {@link #TIMESTAMP_HEADER}.
 */
public final class RequestSignature {
    public static final String TIMESTAMP_HEADER = "X-Chatvault-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Chatvault-Signature";
    /** On a {@code signature_stale} answer: the server's time, epoch milliseconds, for the client to sign with. */
    public static final String SERVER_TIME_HEADER = "X-Chatvault-Server-Time";
    private static final String CONTEXT = "chatvault/v1/request";

    private RequestSignature() {}

    public static byte[] message(String accountId, String method, String path, long timestampMillis, byte[] bodySha256) {
        String text = CONTEXT + '\n' + accountId + '\n' + method + '\n' + path + '\n' + timestampMillis + '\n'
                + HexFormat.of().formatHex(bodySha256);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh SHA-256, for hashing a body as it streams. */
    public static MessageDigest newBodyDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    public static byte[] bodyHash(byte[] body) {
        return newBodyDigest().digest(body == null ? new byte[0] : body);
    }
}
