package org.chatvault.client.exporter.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Names the pages of each conversation {@code conv-<id8>-<n>.html}: {@code id8} is the start of the
 * SHA-256 of the conversation id (an id can hold any character; a file name cannot), longer when
 * two conversations of one export would share it; {@code n} counts pages from 1, oldest first.
 */
final class PageFiles {
    private static final int SHORT = 8;
    private final Set<String> taken = new HashSet<>();

    /** The file-name stem of a conversation's pages, unique within this export. */
    String stemFor(String conversationId) {
        String hex = HexFormat.of().formatHex(sha256(conversationId));
        for (int length = SHORT; length <= hex.length(); length += 4) {
            String stem = "conv-" + hex.substring(0, length);
            if (taken.add(stem)) return stem;
        }
        throw new IllegalStateException("two conversations with the same id " + conversationId);
    }

    static String page(String stem, int n) { return stem + "-" + n + ".html"; }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
