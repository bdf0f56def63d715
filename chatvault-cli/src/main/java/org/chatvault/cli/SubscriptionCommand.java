package org.chatvault.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.protocol.billing.EntitlementInfo;
import org.chatvault.protocol.billing.SubscriptionHistoryEntry;
import org.chatvault.protocol.billing.SubscriptionInfo;
import org.chatvault.protocol.billing.SubscriptionOverview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code chatvault subscription [show|redeem FILE]}: the account's plan, subscriptions and history; redeeming a direct receipt. */
@Command(name = "subscription", mixinStandardHelpOptions = true,
        description = "Show the plan this account is on, until when it is paid, what happens if it is not renewed, the subscriptions "
                + "and their history.%nExample: chatvault subscription",
        subcommands = {SubscriptionCommand.Show.class, SubscriptionCommand.Redeem.class})
final class SubscriptionCommand implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override public Integer call() {
        return show(client);
    }

    static int show(ClientOptions client) {
        try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
            SubscriptionOverview o = session.api().subscription();
            // Support and the operator's web shop issue receipts to an account id.
            System.out.println("Account: " + session.api().tokens().accountId());
            print(o);
        }
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the plan, the subscriptions and their history (the default).")
    static final class Show implements Callable<Integer> {
        @Mixin ClientOptions client;

        @Override public Integer call() { return show(client); }
    }

    @Command(name = "redeem", mixinStandardHelpOptions = true,
            description = "Redeem a receipt the service's operator gave you (a web purchase or a promotion), from a file.%n"
                    + "Example: chatvault subscription redeem receipt.jws")
    static final class Redeem implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "FILE", description = "The receipt (a compact JWS, one line).") Path file;

        @Override public Integer call() {
            String receipt;
            try {
                if (Files.size(file) > 64 * 1024) throw new CliException(file + " is too large to be a receipt");
                receipt = Files.readString(file, StandardCharsets.US_ASCII).strip();
            } catch (NoSuchFileException e) {
                throw new CliException(file + " does not exist");
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
            try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
                SubscriptionOverview o = session.api().redeemDirectReceipt(receipt);
                System.out.println("Receipt redeemed.");
                print(o);
            }
            return 0;
        }
    }

    static void print(SubscriptionOverview o) {
        EntitlementInfo e = o.entitlement();
        System.out.println("Plan: " + e.planName() + " (" + e.planId() + "), " + (e.media() ? "text and media" : "text only") + ", keeps "
                + (e.retention() == null ? "all history" : "the last " + Plans.period(e.retention())) + ", quota " + Plans.bytes(e.quotaBytes()));
        switch (e.state()) {
            case "paid" -> {
                System.out.println("Paid until " + DeviceCommand.when(e.paidUntil())
                        + (e.storeGraceUntil() == null ? "" : " (a renewal payment failed; the store keeps access until "
                        + DeviceCommand.when(e.storeGraceUntil()) + ")"));
                System.out.println("If it is not renewed: read-only from then, and cut to the free plan on " + DeviceCommand.when(e.cutOn()) + ".");
            }
            case "read_only" -> System.out.println("Lapsed on " + DeviceCommand.when(e.paidUntil()) + ": the vault is read-only (restore and export "
                    + "work, backup does not) until " + DeviceCommand.when(e.readOnlyUntil()) + ", then it is cut to the free plan. Renew to keep it.");
            default -> {
                if (e.paidUntil() != null) System.out.println("The last paid time ended on " + DeviceCommand.when(e.paidUntil()) + ".");
            }
        }
        if (!o.subscriptions().isEmpty()) {
            System.out.println();
            System.out.println("Subscriptions:");
            for (SubscriptionInfo s : o.subscriptions())
                System.out.printf("  %-7s %-28s %-9s %-12s from %s to %s%s%n", s.provider(), s.productId(), s.planId(), s.status(),
                        DeviceCommand.when(s.startedAt()), DeviceCommand.when(s.paidUntil()),
                        s.endedAt() == null ? "" : ", ended " + DeviceCommand.when(s.endedAt()));
        }
        if (!o.history().isEmpty()) {
            System.out.println();
            System.out.println("History (newest first):");
            for (SubscriptionHistoryEntry h : o.history())
                System.out.printf("  %s  %-20s%s%n", DeviceCommand.when(h.at()), h.event().replace('_', ' ').toLowerCase(Locale.ROOT),
                        h.detail() == null ? "" : "  " + h.detail());
        }
    }
}
