package org.chatvault.cli;

/** A command cannot go on, for a reason the message explains to the user. */
final class CliException extends RuntimeException {
    CliException(String message) { super(message); }
}
