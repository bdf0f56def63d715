package org.chatvault.cli;

import org.chatvault.client.ClientException;
import org.chatvault.core.error.VaultException;
import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr and an exit code: 1 for a failed operation the
 * user can act on, 2 for bad usage (picocli), 3 for anything unexpected (with its stack trace).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int FAILED = 1;
    static final int UNEXPECTED = 3;

    @Override public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        return switch (e) {
            // the client could not do it (server refused or unreachable, local store, stale vault …)
            case ClientException c -> failed(cl, c);
            // the vault's data is damaged or not this account's
            case VaultException v -> failed(cl, v);
            // the command refused its input or state before acting
            case CliException c -> failed(cl, c);
            default -> {
                cl.getErr().println("chatvault: unexpected error: " + e);
                e.printStackTrace(cl.getErr());
                yield UNEXPECTED;
            }
        };
    }

    private static int failed(CommandLine cl, Exception e) {
        cl.getErr().println("chatvault: " + e.getMessage());
        return FAILED;
    }
}
