package org.chatvault.core.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/** HKDF-SHA256 (RFC 5869) with an empty salt and a label (optionally followed by public keys) as info. */
final class Hkdf {
    private Hkdf() {}

    static byte[] derive(byte[] ikm, String label, int length) {
        return derive(ikm, label.getBytes(StandardCharsets.US_ASCII), length);
    }

    /** With binary {@code info}: a label followed by the public keys it binds (§5.2, §5.7). */
    static byte[] derive(byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
        gen.init(new HKDFParameters(ikm, new byte[0], info));
        byte[] out = new byte[length];
        gen.generateBytes(out, 0, length);
        return out;
    }
}
