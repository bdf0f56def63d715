package org.chatvault.core.crypto;

/** Argon2id cost parameters. */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {
    /** What DESIGN.md asks for passphrase key slots: 64 MiB, 3 passes. */
    public static final Argon2Params PASSPHRASE = new Argon2Params(64 * 1024, 3, 1);
    /** For the login secret derived on the client: it guards the account, not the keys. */
    public static final Argon2Params LOGIN = new Argon2Params(19 * 1024, 2, 1);

    public Argon2Params {
        // RFC 9106 needs at least 8 KiB per lane; other implementations refuse less.
        if (parallelism < 1 || parallelism > 16 || memoryKiB < 8 * parallelism || iterations < 1)
            throw new IllegalArgumentException("invalid Argon2id parameters m=" + memoryKiB + " t=" + iterations + " p=" + parallelism);
    }
}
