package org.chatvault.server.vault;

/** Objects a retention cut marked for deletion (or would): how many, and their bytes. */
public record ExpiredObjects(long objects, long bytes) {
    public static final ExpiredObjects NONE = new ExpiredObjects(0, 0);
}
