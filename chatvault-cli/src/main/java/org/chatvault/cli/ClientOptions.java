package org.chatvault.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where this device keeps its profile and LocalStore. */
final class ClientOptions {
    @Option(names = "--home", description = "Client directory for the profile and local database (default: $CHATVAULT_HOME or ~/.chatvault).")
    Path home;

    @Option(names = "--db", description = "Local chat database (default: <home>/local.db).")
    Path db;

    Path home() {
        if (home != null) return home;
        String env = System.getenv("CHATVAULT_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".chatvault");
    }

    Path db() { return db != null ? db : home().resolve("local.db"); }
}
