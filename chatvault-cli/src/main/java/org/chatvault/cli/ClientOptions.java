package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.chatvault.client.Vault;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where this device keeps its profile and LocalStore. */
final class ClientOptions {
    @Option(names = "--home", description = "Client directory for the profile and local database (default: $CHATVAULT_HOME or ~/.chatvault).")
    Path home;

    @Option(names = "--db", description = "Local chat database (default: <home>/local.db).")
    Path db;

    /** The command this mixin is part of, to find a {@code --home} given before the subcommand. */
    @Spec(Spec.Target.MIXEE) CommandSpec command;

    Path home() {
        if (home != null) return home;
        for (CommandSpec c = command == null ? null : command.parent(); c != null; c = c.parent()) {
            if (c.userObject() instanceof Main m && m.home != null) return m.home;
        }
        String env = System.getenv("CHATVAULT_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".chatvault");
    }

    Path db() { return db != null ? db : home().resolve("local.db"); }

    /** This device's vault: its session and store open when a command first needs them. */
    Vault vault() { return Vault.open(home(), db(), Clock.systemUTC()); }
}
