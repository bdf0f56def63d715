package org.chatvault.client.vault;

import java.util.List;
import java.util.Set;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.protocol.vault.VaultHead;

/** The server's objects and head, through the API client. */
public record ServerObjects(VaultApi api) implements ObjectSource {
    @Override public VaultHead head() { return api.head(); }

    @Override public Set<ObjectId> missing(List<ObjectId> ids) { return api.missing(ids); }

    @Override public void fetch(List<ObjectId> ids, BatchFormat.FrameSink sink) { api.fetch(ids, sink); }
}
