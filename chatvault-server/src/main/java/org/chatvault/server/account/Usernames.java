package org.chatvault.server.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** Username rules of docs/API.md: 3–64 of {@code [A-Za-z0-9._-]}, unique ignoring case. */
final class Usernames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{3,64}");

    private Usernames() {}

    static boolean valid(String username) {
        return username != null && VALID.matcher(username).matches();
    }

    static String requireValid(String username) {
        if (!valid(username))
            throw new AccountException.InvalidUsername();
        return username;
    }

    /** The form usernames are compared in. */
    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
