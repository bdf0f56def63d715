package org.chatvault.client.account;

import java.security.SecureRandom;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.chunking.FastCdc;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.core.crypto.VaultKeys;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.client.vault.ObjectSource;
import org.chatvault.client.vault.ServerObjects;
import org.chatvault.client.vault.VaultReader;

/** An unlocked vault: the API client, which signs with its vault signing key, plus the keys. Closing it wipes the keys. */
public final class Session implements VaultReader, AutoCloseable {
    private final VaultApi api;
    private final MasterKey masterKey;
    private final VaultSigningKey signingKey;
    private final VaultKeys keys;
    private final SecureRandom random;

    /** Derives the master key's vault signing key and has {@code api} sign with it from now on. */
    Session(VaultApi api, MasterKey masterKey, SecureRandom random) {
        this(api, masterKey, AccountService.unlocked(api, masterKey), random);
    }

    /** @param signingKey the master key's vault signing key, which {@code api} signs with */
    Session(VaultApi api, MasterKey masterKey, VaultSigningKey signingKey, SecureRandom random) {
        this.api = api;
        this.masterKey = masterKey;
        this.signingKey = signingKey;
        this.keys = masterKey.deriveVaultKeys();
        this.random = random;
    }

    public VaultApi api() { return api; }

    /** The server's objects and head. */
    @Override public ObjectSource objects() { return new ServerObjects(api); }

    /** A fresh codec; codecs are not thread-safe, so each worker takes its own. */
    @Override public ObjectCodec newCodec() { return new ObjectCodec(keys, random); }

    /**
     * The account's keyed FastCDC with the product parameters (docs/FORMAT.md §12.2): its cut points
     * are secret to the account. Stateless and thread-safe; build it once per run.
     */
    public FastCdc fastCdc() { return FastCdc.keyed(keys, ChunkerParams.DEFAULT); }

    MasterKey masterKey() { return masterKey; }

    @Override public void close() {
        api.signWith(null); // nothing signs with a wiped key
        signingKey.destroy();
        keys.destroy();
        masterKey.destroy();
    }
}
