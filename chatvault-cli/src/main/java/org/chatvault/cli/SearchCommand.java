package org.chatvault.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.local.SearchHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search message text in the local database (works for Chinese and English).%n"
                + "Example: chatvault search 周末")
final class SearchCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(index = "0", description = "Text to find.") String text;
    @Option(names = "--limit", defaultValue = "20", description = "Most hits to show (default: ${DEFAULT-VALUE}).") int limit;

    @Override public Integer call() {
        if (!java.nio.file.Files.exists(client.db()))
            throw new CliException("no local database at " + client.db() + ": run 'chatvault restore' or 'chatvault generate' first");
        try (Vault vault = client.vault()) {
            var hits = vault.search(text, limit);
            for (SearchHit h : hits) {
                System.out.printf("%s  [%s] %s: %s%n", Instant.ofEpochMilli(h.message().sentAt()), h.conversationTitle(),
                        h.message().sender(), h.message().text());
            }
            System.out.println(hits.size() + " hit(s)");
        }
        return 0;
    }
}
