package org.chatvault.client.sync;

import org.chatvault.client.ClientException;

/** Another device committed first: pull what it wrote, merge, and try the commit again. */
public final class HeadMovedException extends ClientException {
    private final long version;

    public HeadMovedException(long version, Throwable cause) {
        super("another device changed the vault during this backup (head is now version " + version + ")", cause);
        this.version = version;
    }

    public long version() { return version; }
}
