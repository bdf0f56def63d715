package org.chatvault.client.http;

import org.chatvault.client.ClientException;

/** The server refused a request: its status, its error code and its message. */
public class ApiException extends ClientException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message + " (HTTP " + status + ", " + code + ")");
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }

    public String code() { return code; }
}
