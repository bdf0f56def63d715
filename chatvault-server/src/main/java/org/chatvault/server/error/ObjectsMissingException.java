package org.chatvault.server.error;

/** A commit references objects the account does not hold; nothing was committed. */
public final class ObjectsMissingException extends ApiException {
    private final int missing;

    public ObjectsMissingException(int missing) {
        super(ErrorCode.OBJECTS_MISSING, missing + (missing == 1 ? " object" : " objects")
                + " referenced by the commit " + (missing == 1 ? "is" : "are") + " not on the server; upload "
                + (missing == 1 ? "it" : "them") + " and commit again");
        this.missing = missing;
    }

    public int missing() { return missing; }
}
