package org.chatvault.server.storage;

import java.io.IOException;

/** An {@link ObjectStore} key holds no blob. */
public class BlobNotFoundException extends IOException {
    public BlobNotFoundException(String key) { super("no blob stored under " + key); }
}
