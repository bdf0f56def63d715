package org.chatvault.cli;

import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chatvault.client.local.ConversationSelector;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.SearchHit;
import org.chatvault.client.local.SearchQuery;
import org.chatvault.core.model.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search message text in the local database (works for Chinese and English; no login needed).",
                "Hits come newest first, the found text between » and «, with --context messages around each.",
                "Example: chatvault search 周末 --conversation 家人 --since 2025-01 --context 2"})
final class SearchCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "TEXT", description = "Text to find.") String text;
    @Option(names = "--conversation", paramLabel = "NAME", split = ",",
            description = "Only in these conversations, by id or title (repeat or separate with commas; default: all).")
    List<String> conversations = List.of();
    @Option(names = "--sender", paramLabel = "NAME", description = "Only messages from this sender (the whole name; case ignored).") String sender;
    @Option(names = "--since", paramLabel = "DATE", description = "Only messages from this day or month on: YYYY-MM-DD or YYYY-MM.") String since;
    @Option(names = "--until", paramLabel = "DATE", description = "Only messages up to the end of this day or month: YYYY-MM-DD or YYYY-MM.") String until;
    @Option(names = "--context", paramLabel = "N", defaultValue = "0",
            description = "Show N messages before and after each hit (default: ${DEFAULT-VALUE}).") int context;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Most hits to show (default: ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for dates and times (default: this computer's).") String zone;

    @Override public Integer call() {
        if (text.isBlank()) throw new CliException("the text to search for is empty");
        ZoneId zoneId = DayOption.zone(zone);
        long from = since == null ? Long.MIN_VALUE : DayOption.start("--since", since, zoneId);
        long to = until == null ? Long.MAX_VALUE : DayOption.end("--until", until, zoneId);
        if (from >= to) throw new CliException("--since " + since + " is after --until " + until + ": nothing can match");
        if (context < 0 || context > SearchQuery.MAX_CONTEXT) throw new CliException("--context must be 0 to " + SearchQuery.MAX_CONTEXT);
        if (limit < 1 || limit > SearchQuery.MAX_LIMIT) throw new CliException("--limit must be 1 to " + SearchQuery.MAX_LIMIT);
        if (!Files.exists(client.db()))
            throw new CliException("no local database at " + client.db() + ": run 'chatvault restore', 'chatvault import' or 'chatvault generate' first");
        try (LocalStore store = LocalStore.open(client.db())) {
            List<String> ids = conversations.isEmpty() ? List.of() : ConversationSelector.resolve(store.conversations(), conversations);
            SearchQuery query = new SearchQuery(text, ids, sender, from, to, context, limit);
            List<SearchHit> hits = store.search(query);
            for (int i = 0; i < hits.size(); i++) print(hits.get(i), query, zoneId, i > 0);
            if (hits.isEmpty()) System.out.println("No message contains '" + text + "'" + narrowing() + ".");
            else System.out.println(hits.size() + " hit(s)" + (hits.size() == limit ? " (the newest " + limit + "; --limit shows more)" : ""));
        }
        return 0;
    }

    private void print(SearchHit hit, SearchQuery query, ZoneId zoneId, boolean separate) {
        if (separate && context > 0) System.out.println("--");
        if (context > 0) System.out.println("[" + hit.conversationTitle() + "]");
        for (Message m : hit.before()) System.out.println("    " + line(m, zoneId, m.text()));
        String found = line(hit.message(), zoneId, query.mark(hit.message().text(), "»", "«"));
        System.out.println(context > 0 ? "  > " + found : found + "  [" + hit.conversationTitle() + "]");
        for (Message m : hit.after()) System.out.println("    " + line(m, zoneId, m.text()));
    }

    private static String line(Message m, ZoneId zoneId, String text) {
        String when = TIME.format(Instant.ofEpochMilli(m.sentAt()).atZone(zoneId));
        return when + "  " + m.sender() + ": " + (text == null || text.isEmpty() ? "<" + m.type().name().toLowerCase(java.util.Locale.ROOT) + ">"
                : text.replace("\n", "\n      "));
    }

    private String narrowing() {
        List<String> parts = new ArrayList<>();
        if (!conversations.isEmpty()) parts.add("in " + String.join(", ", conversations));
        if (sender != null) parts.add("from " + sender);
        if (since != null) parts.add("since " + since);
        if (until != null) parts.add("until " + until);
        return parts.isEmpty() ? "" : " " + String.join(" ", parts);
    }
}
