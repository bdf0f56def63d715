package org.chatvault.cli;

import java.io.Console;

/** Reads passwords from an environment variable or, failing that, the terminal without echo. */
final class Secrets {
    private Secrets() {}

    static char[] read(String envVar, String prompt, boolean required) {
        String env = System.getenv(envVar);
        if (env != null && !env.isEmpty()) return env.toCharArray();
        Console console = System.console();
        if (console == null) {
            if (!required) return null;
            throw new CliException("no terminal to ask for the " + prompt + ": set " + envVar);
        }
        char[] v = console.readPassword("%s: ", prompt);
        if ((v == null || v.length == 0) && required) throw new CliException("a " + prompt + " is required");
        return v == null || v.length == 0 ? null : v;
    }
}
