package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.chatvault.client.Vault;
import org.chatvault.client.http.ServerTrust;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where this device keeps its profile and LocalStore. */
final class ClientOptions {
    @Option(names = "--home", description = "Client directory for the profile and local database (default: $CHATVAULT_HOME or ~/.chatvault).")
    Path home;

    @Option(names = "--db", description = "Local chat database (default: <home>/local.db).")
    Path db;

    /** Sets the trust for this process's connections, which every client call builds from (see {@link ServerTrust}). */
    @Option(names = "--ca-cert", paramLabel = "PEM", description = "Also trust this certificate authority (a PEM file) for the server's HTTPS"
            + " certificate, as for a self-hosted server with a private CA (default: $CHATVAULT_CA_CERT).")
    void caCert(Path pem) {
        System.setProperty(ServerTrust.PROPERTY, pem.toAbsolutePath().toString());
    }

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
