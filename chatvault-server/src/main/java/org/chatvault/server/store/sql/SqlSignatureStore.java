package org.chatvault.server.store.sql;

import java.time.Instant;
import org.chatvault.server.signing.SignatureStore;

/** {@link SignatureStore} in SQL both databases speak: the primary key refuses the second insert. */
public final class SqlSignatureStore implements SignatureStore {
    private final SqlDatabase db;

    public SqlSignatureStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public boolean remember(String accountId, byte[] requestHash, Instant forgetAfter) {
        return db.write("remember a signed request", h -> h.createUpdate("""
                        INSERT INTO request_signatures (account_id, request_hash, forget_after) VALUES (:account, :hash, :forget)
                        ON CONFLICT (account_id, request_hash) DO NOTHING""")
                .bind("account", accountId).bind("hash", requestHash).bind("forget", forgetAfter).execute() == 1);
    }

    @Override
    public int forgetBefore(Instant now) {
        return db.write("forget old signed requests", h -> h.createUpdate("DELETE FROM request_signatures WHERE forget_after < :now")
                .bind("now", now).execute());
    }
}
