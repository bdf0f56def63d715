package org.chatvault.server.error;

/** A commit's base version is not the current head version: another device committed first. */
public final class HeadConflictException extends ApiException {
    private final long currentVersion;

    public HeadConflictException(long currentVersion, long baseVersion) {
        super(ErrorCode.HEAD_CONFLICT, "the vault head is at version " + currentVersion + ", not " + baseVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() { return currentVersion; }
}
