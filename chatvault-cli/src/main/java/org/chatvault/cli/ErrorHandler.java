package org.chatvault.cli;

import org.chatvault.client.ClientException;
import org.chatvault.client.local.LocalStoreException;
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
        if (e instanceof ClientException || e instanceof VaultException || e instanceof LocalStoreException || e instanceof CliException) {
            cl.getErr().println("chatvault: " + e.getMessage());
            return FAILED;
        }
        cl.getErr().println("chatvault: unexpected error: " + e);
        e.printStackTrace(cl.getErr());
        return UNEXPECTED;
    }
}
