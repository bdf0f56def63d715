package org.chatvault.client.account;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.chatvault.client.ClientException;
import org.chatvault.core.crypto.Bytes;

/**
 * Which vault passphrases are accepted. The passphrase slot lies on the server, so whoever holds
 * a copy of the server's files can guess at it offline (each guess costs one Argon2id hash), and
 * whoever stole the login password must not get the passphrase with it. So a passphrase is refused
 * when it is the login password or contains it, and when the nbvcxz estimator (zxcvbn's model:
 * dictionaries, keyboard patterns, dates, repeats, leet) rates it below {@link #MIN_ENTROPY_BITS}.
 * The refusal says why, in the estimator's words where it has them.
 */
public final class PassphrasePolicy {
    /**
     * About 10^15 guesses: years of offline guessing at Argon2id's ≥ 64 MiB cost even on many
     * machines. Four uncommon words or twelve random characters pass; two common words do not.
     */
    public static final double MIN_ENTROPY_BITS = 50;
    private static final String LOGIN_PASSWORD_DICTIONARY = "login password";
    private static final List<Dictionary> DEFAULT_DICTIONARIES = ConfigurationBuilder.getDefaultDictionaries();

    private PassphrasePolicy() {}

    /** A passphrase this policy refuses; the message says why and what would be better. */
    public static final class Refused extends ClientException {
        Refused(String reason) { super("passphrase refused: " + reason); }
    }

    /**
     * Refuses {@code passphrase} when it is weak or built on {@code password}. Nothing to check
     * when there is no passphrase (null or empty: the vault gets no passphrase slot).
     *
     * @throws Refused naming the reason
     */
    public static void check(char[] password, char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) return;
        if (password != null && sameSecret(password, passphrase))
            throw new Refused("it is the same as your login password; whoever learns the password must not also open your vault");
        // nbvcxz takes Strings, so copies of both secrets live until collected: the price of a
        // maintained estimator, paid once at account creation, never logged or stored.
        Result result = estimator(password).estimate(new String(passphrase));
        if (result.isMinimumEntropyMet()) return;
        boolean containsPassword = result.getMatches().stream()
                .anyMatch(m -> m instanceof DictionaryMatch d && LOGIN_PASSWORD_DICTIONARY.equals(d.getDictionaryName()));
        if (containsPassword)
            throw new Refused("it contains your login password; choose words that have nothing to do with it");
        List<String> why = new ArrayList<>();
        String warning = result.getFeedback().getWarning();
        if (warning != null && !warning.isBlank()) why.add(warning.strip());
        why.add(String.format(Locale.ROOT, "it would take about 2^%.0f guesses to find, and at least 2^%.0f are needed",
                Math.floor(result.getEntropy()), MIN_ENTROPY_BITS));
        for (String s : result.getFeedback().getSuggestion()) if (s != null && !s.isBlank()) why.add(s.strip());
        throw new Refused("it is too easy to guess: " + String.join(" ", why.stream().map(PassphrasePolicy::sentence).toList()));
    }

    /** The estimator with the login password as an excluded word, so variations of it rate as nothing. */
    private static Nbvcxz estimator(char[] password) {
        List<Dictionary> dictionaries = new ArrayList<>(DEFAULT_DICTIONARIES);
        if (password != null && password.length > 0) {
            dictionaries.add(new DictionaryBuilder().setDictionaryName(LOGIN_PASSWORD_DICTIONARY).setExclusion(true)
                    .addWord(new String(password).toLowerCase(Locale.ROOT), 0).createDictionary());
        }
        return new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries).setMinimumEntropy(MIN_ENTROPY_BITS)
                .setLocale(Locale.ENGLISH).createConfiguration());
    }

    /** Equal ignoring case and surrounding blanks, compared in constant time. */
    private static boolean sameSecret(char[] a, char[] b) {
        byte[] x = normalized(a);
        byte[] y = normalized(b);
        try {
            return MessageDigest.isEqual(x, y);
        } finally {
            Bytes.wipe(x);
            Bytes.wipe(y);
        }
    }

    private static byte[] normalized(char[] s) {
        int from = 0, to = s.length;
        while (from < to && Character.isWhitespace(s[from])) from++;
        while (to > from && Character.isWhitespace(s[to - 1])) to--;
        char[] lower = new char[to - from];
        for (int i = from; i < to; i++) lower[i - from] = Character.toLowerCase(s[i]);
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(lower));
        try {
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } finally {
            Bytes.wipe(lower);
            if (bb.hasArray()) Arrays.fill(bb.array(), (byte) 0);
        }
    }

    private static String sentence(String s) {
        return s.endsWith(".") ? s : s + ".";
    }
}
