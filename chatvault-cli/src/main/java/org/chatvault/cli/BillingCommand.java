package org.chatvault.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.chatvault.server.billing.direct.ReceiptClaims;
import org.chatvault.server.billing.direct.ReceiptIssuer;
import org.chatvault.server.billing.direct.ReceiptKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chatvault billing issue-receipt}: the operator signs a direct receipt (web sales, promotions, support). */
@Command(name = "billing", mixinStandardHelpOptions = true, description = "Operator tools for plans and receipts.",
        subcommands = BillingCommand.IssueReceipt.class)
final class BillingCommand implements Runnable {
    /** What the server expects as {@code iss} unless {@code billing.direct.issuer} says otherwise. */
    static final String DEFAULT_ISSUER = "chatvault-billing";
    /** Tests set the time receipts are issued at. */
    static volatile Clock clock = Clock.systemUTC();

    @Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: chatvault billing issue-receipt --key KEY.pem --account ID ...");
    }

    @Command(name = "issue-receipt", mixinStandardHelpOptions = true,
            description = "Sign a receipt for one account and print it (a compact JWS, one line) for the user to redeem with "
                    + "'chatvault subscription redeem FILE' or their app. The key is the private half of billing.direct.public-key "
                    + "(EC P-256 or Ed25519, PEM) and must be readable by its owner only.%n"
                    + "Example: chatvault billing issue-receipt --key receipts.pem --account 3f2c… --product chatvault.standard.yearly "
                    + "--until 2027-06-01")
    static final class IssueReceipt implements Callable<Integer> {
        @Option(names = "--key", required = true, paramLabel = "PRIVATE.pem", description = "The operator's receipt signing key.") Path key;
        @Option(names = "--account", required = true, paramLabel = "ID", description = "The account id the receipt is for (only it can redeem it).")
        String account;
        @Option(names = "--product", required = true, paramLabel = "P", description = "A direct product of the catalog, e.g. chatvault.standard.yearly.")
        String product;
        @Option(names = "--until", required = true, paramLabel = "DATE", description = "End of the paid time: YYYY-MM-DD (UTC midnight) or an ISO instant.")
        String until;
        @Option(names = "--from", paramLabel = "DATE", description = "Start of the paid time (default: now); the receipt cannot be redeemed before it.")
        String from;
        @Option(names = "--id", paramLabel = "ID", description = "The receipt's id (default: a random UUID); each id is redeemed once.") String id;
        @Option(names = "--issuer", paramLabel = "ISS", description = "The iss claim; must equal the server's billing.direct.issuer (default: ${DEFAULT-VALUE}).",
                defaultValue = DEFAULT_ISSUER) String issuer;

        @Override public Integer call() {
            requireOwnerOnly(key);
            PrivateKey privateKey;
            try {
                privateKey = ReceiptKeys.readPrivateKey(key);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            Instant now = clock.instant();
            Instant start = from == null ? now : date(from, "--from");
            Instant end = date(until, "--until");
            if (!end.isAfter(start)) throw new CliException("--until (" + end + ") must be after --from (" + start + ")");
            if (account.isBlank() || product.isBlank()) throw new CliException("--account and --product must not be empty");
            String receiptId = id == null ? UUID.randomUUID().toString() : id;
            String receipt = new ReceiptIssuer(privateKey).issue(new ReceiptClaims(issuer, receiptId, account, product,
                    start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            System.out.println(receipt);
            return 0;
        }

        private static Instant date(String s, String option) {
            try {
                return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw new CliException(option + " '" + s + "' is not a date (YYYY-MM-DD) or an ISO instant (2027-06-01T00:00:00Z)");
            }
        }
    }

    /** A signing key others can read is a key others can sign with: refused, as the server refuses loose secrets. */
    static void requireOwnerOnly(Path file) {
        if (!Files.isRegularFile(file)) throw new CliException(file + " does not exist or is not a file");
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix == null) return; // no POSIX permissions (Windows): the file system's ACLs decide
        Set<PosixFilePermission> perms;
        try {
            perms = posix.readAttributes().permissions();
        } catch (IOException e) {
            throw new CliException("cannot read the permissions of " + file + ": " + e.getMessage());
        }
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))
                throw new CliException(file + " can be read by other users (" + PosixFilePermissions.toString(perms)
                        + "); make it owner-only first: chmod 600 " + file);
        }
    }
}
