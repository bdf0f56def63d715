package org.chatvault.server.vault;

import java.util.List;
import org.chatvault.core.format.ObjectId;

/**
 * A vault request the server refuses: an upload, fetch, relabel or commit that breaks a rule.
 * The HTTP layer turns each kind into its status and wire code in one place
 * ({@code http/ErrorMapping}); the message is safe to show the client. No stack trace is
 * captured: these are expected outcomes, not bugs. (Not named {@code VaultException}: that is
 * core's failure of the vault format.)
 */
public abstract sealed class VaultRequestException extends RuntimeException {
    private VaultRequestException(String message) {
        super(message, null, false, false);
    }

    /** A commit's base version is not the current head version: another device committed first. */
    public static final class HeadConflict extends VaultRequestException {
        private final long currentVersion;

        public HeadConflict(long currentVersion, long baseVersion) {
            super("the vault head is at version " + currentVersion + ", not " + baseVersion);
            this.currentVersion = currentVersion;
        }

        public long currentVersion() { return currentVersion; }
    }

    /** A commit references objects the account does not hold; nothing was committed. */
    public static final class ObjectsMissing extends VaultRequestException {
        private final int missing;

        public ObjectsMissing(int missing) {
            super(missing + (missing == 1 ? " object" : " objects") + " referenced by the commit " + (missing == 1 ? "is" : "are")
                    + " not on the server; upload " + (missing == 1 ? "it" : "them") + " and commit again");
            this.missing = missing;
        }

        public int missing() { return missing; }
    }

    /**
     * Requested objects are indexed but their bytes cannot be read: the pack holding them is
     * missing or shorter than the index says (a damaged disk, a lost file). Raised before any byte
     * of a fetch is sent; the answer names them, so a client can fetch the rest and report exactly
     * what is lost.
     */
    public static final class ObjectsUnreadable extends VaultRequestException {
        /** Ids listed in one answer at most; the message gives the full count. */
        public static final int MAX_LISTED = 1_000;
        private final List<ObjectId> ids;

        public ObjectsUnreadable(List<ObjectId> ids) {
            super(ids.size() + (ids.size() == 1 ? " requested object is" : " requested objects are")
                    + " unreadable on the server: the pack holding " + (ids.size() == 1 ? "it" : "them") + " is missing or damaged"
                    + (ids.size() > MAX_LISTED ? " (the first " + MAX_LISTED + " are listed)" : ""));
            this.ids = List.copyOf(ids.subList(0, Math.min(MAX_LISTED, ids.size())));
        }

        /** The unreadable ids (at most {@link #MAX_LISTED}). */
        public List<ObjectId> ids() { return ids; }
    }

    /** Objects asked for (fetched or relabelled) are not held by the account. */
    public static final class ObjectsNotFound extends VaultRequestException {
        public ObjectsNotFound(int absent, String what) {
            super(absent + " of the " + what + " " + (absent == 1 ? "is" : "are") + " not on the server");
        }
    }

    /** A frame of an upload is larger than any object body can be. */
    public static final class ObjectTooLarge extends VaultRequestException {
        public ObjectTooLarge(int frame, long length, int max) {
            super("frame " + frame + " is " + length + " bytes; an object body is at most " + max);
        }
    }

    /** An upload is not a batch, or a frame of it does not hold the object it claims. */
    public static final class MalformedBatch extends VaultRequestException {
        public MalformedBatch(String message) { super(message); }
    }

    /** An upload ends inside a frame; nothing of it was stored. */
    public static final class TruncatedBatch extends VaultRequestException {
        public TruncatedBatch(int completeFrames) {
            super("the batch ends inside a frame after " + completeFrames + " complete objects; nothing was stored");
        }
    }

    /** An upload holds more frames than one batch may. */
    public static final class TooManyObjects extends VaultRequestException {
        public TooManyObjects(int max) { super("a batch holds at most " + max + " objects"); }
    }

    /** A time bucket that is not a month, or one given to an object that takes none. */
    public static final class InvalidBucket extends VaultRequestException {
        public InvalidBucket(String message) { super(message); }
    }

    /** A commit that can never succeed as sent: a negative base version, a root that is not a root manifest. */
    public static final class InvalidCommit extends VaultRequestException {
        public InvalidCommit(String message) { super(message); }
    }

    /**
     * The subscription lapsed and the vault is in its read-only grace: uploads, commits and relabels are refused;
     * every read (restore, export, archive) still works.
     */
    public static final class VaultReadOnly extends VaultRequestException {
        public VaultReadOnly(String message) { super(message); }
    }

    /** An upload holds media (photos, videos, files, their thumbnails and indexes) and the plan stores text only. */
    public static final class PlanExcludesMedia extends VaultRequestException {
        public PlanExcludesMedia(String message) { super(message); }
    }

    /** Storing an upload would take the account past its plan's quota; nothing of it was stored. */
    public static final class QuotaExceeded extends VaultRequestException {
        public QuotaExceeded(String message) { super(message); }
    }
}
