package org.chatvault.server.store;

/** Storage held by one account; dropped objects count until they are deleted. */
public record Usage(long objects, long bytes, long packs, long version) {}
