package org.chatvault.cli;

import java.io.Console;
import java.util.function.UnaryOperator;

/**
 * Reads secrets (the login password, the vault passphrase, the recovery key) from an environment
 * variable or, failing that, the terminal without echo: never from the command line, where
 * {@code ps} and the shell's history would keep them.
 */
final class Secrets {
    /** Where variables are read; tests put a map here, since a JVM cannot change its own environment. */
    static volatile UnaryOperator<String> environment = System::getenv;

    private Secrets() {}

    /**
     * The secret from {@code envVar}, else asked on the terminal as {@code prompt}; null when
     * neither gives one and it is not {@code required}.
     *
     * @throws CliException when it is required and there is no terminal to ask, or the answer is empty
     */
    static char[] read(String envVar, String prompt, boolean required) {
        String env = environment.apply(envVar);
        if (env != null && !env.isEmpty()) return env.toCharArray();
        // Only a terminal: since JDK 22 a console also answers when stdin is a pipe, and reading a
        // secret from whatever stdin holds would hang a script or take the wrong input.
        Console console = Progress.onTerminal() ? System.console() : null;
        if (console == null) {
            if (!required) return null;
            throw new CliException("no terminal to ask for the " + prompt + ": set " + envVar);
        }
        char[] v = console.readPassword("%s: ", prompt);
        if ((v == null || v.length == 0) && required) throw new CliException("a " + prompt + " is required");
        return v == null || v.length == 0 ? null : v;
    }
}
