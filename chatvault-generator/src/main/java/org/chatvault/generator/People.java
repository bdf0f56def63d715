package org.chatvault.generator;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The people a history is about: person 0 is the owner of the history, then the peers of the
 * direct chats, then acquaintances seen only in groups. Names are unique, so a sender name names
 * one person; about 60% are Chinese names, the rest English.
 */
final class People {
    private final String[] names;
    private final boolean[] chinese;

    private People(String[] names, boolean[] chinese) {
        this.names = names;
        this.chinese = chinese;
    }

    static People create(SplittableRandom r, int size) {
        String[] names = new String[size];
        boolean[] chinese = new boolean[size];
        Set<String> taken = new HashSet<>(size * 2);
        for (int i = 0; i < size; i++) {
            chinese[i] = r.nextDouble() < 0.6;
            names[i] = uniqueName(r, chinese[i], taken);
        }
        return new People(names, chinese);
    }

    private static String uniqueName(SplittableRandom r, boolean chinese, Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String name;
            if (chinese) {
                name = Picks.skewed(r, Names.ZH_SURNAMES) + Picks.pick(r, Names.ZH_GIVEN);
            } else {
                name = Picks.pick(r, Names.EN_FIRST) + " " + Picks.skewed(r, Names.EN_LAST);
            }
            // Common names run out in big populations; real people then add a middle initial or a number.
            if (attempt >= 8 && !chinese) name = name.replace(" ", " " + (char) ('A' + r.nextInt(26)) + ". ");
            if (attempt >= 16) name = name + (attempt - 14);
            if (taken.add(name)) return name;
        }
    }

    int size() { return names.length; }

    String name(int i) { return names[i]; }

    boolean chinese(int i) { return chinese[i]; }

    String owner() { return names[0]; }
}
