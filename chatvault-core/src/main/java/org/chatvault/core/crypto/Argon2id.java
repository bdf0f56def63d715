package org.chatvault.core.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id (RFC 9106, version 0x13) over UTF-8 passwords. */
final class Argon2id {
    private Argon2id() {}

    static byte[] hash(char[] password, byte[] salt, Argon2Params p, int length) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[encoded.remaining()];
        encoded.get(pw);
        if (encoded.hasArray()) java.util.Arrays.fill(encoded.array(), (byte) 0);
        try {
            return hash(pw, salt, p, length);
        } finally {
            Bytes.wipe(pw);
        }
    }

    static byte[] hash(byte[] password, byte[] salt, Argon2Params p, int length) {
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .build());
        byte[] out = new byte[length];
        gen.generateBytes(password, out);
        return out;
    }
}
