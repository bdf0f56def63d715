package org.chatvault.client.http;

import org.chatvault.client.ClientException;

/** The server refused a request: its status, its error code and its message. */
public class ServerRefusedException extends ClientException {
    private final int status;
    private final String code;
    private final java.util.List<String> ids;

    public ServerRefusedException(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** @param ids the objects an {@code object_unreadable} answer names, or null */
    public ServerRefusedException(int status, String code, String message, java.util.List<String> ids) {
        super(message + " (HTTP " + status + ", " + code + ")");
        this.status = status;
        this.code = code;
        this.ids = ids == null ? java.util.List.of() : java.util.List.copyOf(ids);
    }

    /** The object ids the answer names (for {@code object_unreadable}); empty otherwise. */
    public java.util.List<String> ids() { return ids; }

    public int status() { return status; }

    public String code() { return code; }
}
