package org.chatvault.client.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.chatvault.client.ClientException;
import org.chatvault.core.model.Conversation;

/**
 * Finds the conversations a user names on the command line ({@code --conversation}): by id, else
 * by title (exactly, ignoring case), else by a part of the title that only one conversation has.
 * Export, search and restore all choose conversations this one way.
 */
public final class ConversationSelector {
    private ConversationSelector() {}

    /**
     * @param known the conversations to choose from (the LocalStore's, or the vault's for a restore)
     * @param asked what the user typed, one entry per conversation
     * @return the chosen ids, in the order asked, each once
     * @throws ClientException naming what matched nothing, or what matched several (with their titles and ids)
     */
    public static List<String> resolve(Collection<Conversation> known, List<String> asked) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String a : asked) ids.add(resolveOne(known, a).id());
        return List.copyOf(ids);
    }

    private static Conversation resolveOne(Collection<Conversation> known, String asked) {
        for (Conversation c : known) if (c.id().equals(asked)) return c;
        List<Conversation> byTitle = known.stream().filter(c -> c.title().equalsIgnoreCase(asked)).toList();
        if (byTitle.size() == 1) return byTitle.getFirst();
        if (byTitle.size() > 1) throw ambiguous(asked, byTitle);
        String needle = asked.toLowerCase(Locale.ROOT);
        List<Conversation> byPart = new ArrayList<>();
        for (Conversation c : known) if (c.title().toLowerCase(Locale.ROOT).contains(needle)) byPart.add(c);
        if (byPart.size() == 1) return byPart.getFirst();
        if (byPart.isEmpty()) throw new ClientException("no conversation is called or has the id '" + asked + "'");
        throw ambiguous(asked, byPart);
    }

    private static ClientException ambiguous(String asked, List<Conversation> matches) {
        String list = matches.stream().limit(10).map(c -> "'" + c.title() + "' (" + c.id() + ")").collect(Collectors.joining(", "));
        return new ClientException("'" + asked + "' matches " + matches.size() + " conversations: " + list
                + (matches.size() > 10 ? ", …" : "") + "; name one by its id");
    }
}
