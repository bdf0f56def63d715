package org.chatvault.core.model;

/**
 * An enum whose constants have a number in the vault format. The numbers are what is stored, so
 * they are never renumbered; this is the one place that maps a stored number back to its constant.
 */
public interface FormatCode {
    /** The number stored for this constant. */
    int code();

    /**
     * The constant of {@code type} stored as {@code code}.
     *
     * @param what how an error names the enum ("conversation kind")
     * @throws IllegalArgumentException if no constant has that number
     */
    static <E extends Enum<E> & FormatCode> E fromCode(Class<E> type, int code, String what) {
        for (E e : type.getEnumConstants()) if (e.code() == code) return e;
        throw new IllegalArgumentException("unknown " + what + " code " + code);
    }
}
