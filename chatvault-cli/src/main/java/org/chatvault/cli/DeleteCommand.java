package org.chatvault.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete on purpose: a whole conversation, its history before a date, or single messages. The deletion "
                + "is recorded (a tombstone), reaches the vault with the next backup or sync, and from there every other "
                + "device; no device brings the messages back. Shows what it would delete unless --yes is given.%n"
                + "Example: chatvault delete --conversation c42 --before 2024-01-01 --yes")
final class DeleteCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--conversation", required = true, paramLabel = "ID", description = "The conversation.") String conversationId;

    static final class What {
        @Option(names = "--before", paramLabel = "YYYY-MM-DD", description = "Only history sent before this day (UTC).") LocalDate before;
        @Option(names = "--message", paramLabel = "ID", description = "Only this message (repeatable).") List<String> messages;
    }

    @ArgGroup(exclusive = true) What what;
    @Option(names = "--yes", description = "Really delete (without it, only say what would go).") boolean yes;

    @Override public Integer call() {
        try (Vault vault = client.vault()) {
            LocalStore store = vault.store();
            Conversation conv = store.conversation(conversationId)
                    .orElseThrow(() -> new CliException("no conversation " + conversationId + " in " + client.db()));
            List<Message> doomed = new ArrayList<>();
            long before = what == null ? Clock.systemUTC().millis() + 1
                    : what.before != null ? what.before.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() : Long.MIN_VALUE;
            store.forEachMessage(conv.id(), Long.MIN_VALUE, m -> {
                boolean listed = what != null && what.messages != null && what.messages.contains(m.id());
                if (m.sentAt() < before || listed) doomed.add(m);
            });
            if (what != null && what.messages != null) {
                List<String> unknown = new ArrayList<>(what.messages);
                for (Message m : doomed) unknown.remove(m.id());
                if (!unknown.isEmpty()) throw new CliException("conversation " + conv.id() + " holds no message " + String.join(", ", unknown));
            }
            String scope = what == null ? "the whole conversation" : what.before != null ? "history before " + what.before : "the listed messages";
            if (!yes) {
                System.out.printf("would delete %,d messages (%s) from \"%s\"; nothing was deleted: run again with --yes%n",
                        doomed.size(), scope, conv.title());
                return ErrorHandler.FAILED;
            }
            int n;
            if (what != null && what.messages != null) {
                for (Message m : doomed) vault.deleteMessage(m.conversationId(), m.sentAt(), m.id());
                n = doomed.size();
            } else {
                n = vault.clearHistory(conv.id(), before);
            }
            System.out.printf("deleted %,d messages (%s) from \"%s\"; the next backup or sync deletes them from the vault and "
                    + "your other devices%n", n, scope, conv.title());
            return 0;
        }
    }
}
