package org.chatvault.server.vault;

/**
 * Storage held by one account; dropped objects count until they are deleted.
 *
 * @param bytes     the objects' bodies
 * @param packs     pack blobs holding at least one of the account's objects (emptied packs
 *                  waiting out the safety delay before deletion are the server's, not the account's)
 * @param packBytes the size of those packs, dead space between live objects included
 */
public record Usage(long objects, long bytes, long packs, long packBytes, long version) {}
