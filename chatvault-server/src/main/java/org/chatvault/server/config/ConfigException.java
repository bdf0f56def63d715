package org.chatvault.server.config;

/** A setting could not be read or has a value outside its range; the message names the setting. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) { super(message); }

    public ConfigException(String message, Throwable cause) { super(message, cause); }
}
