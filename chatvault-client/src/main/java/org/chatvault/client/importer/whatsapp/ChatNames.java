package org.chatvault.client.importer.whatsapp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat's name in the names WhatsApp gives its exports: Android's {@code WhatsApp Chat with Mum.txt} (and the
 * same in other languages), iOS's {@code WhatsApp Chat - Family.zip}. The name is what makes the conversation's
 * id, so a copy the browser renamed ({@code … (1).zip}) must give the same one.
 */
final class ChatNames {
    private static final List<Pattern> NAMED = List.of(
            Pattern.compile("^WhatsApp[ -]Chat (?:with|mit|met|avec|con|com|med|z|ile) (?<name>.+)$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^WhatsApp Chat ?[-–] ?(?<name>.+)$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^(?:Chat de WhatsApp con|Discussion WhatsApp avec|Conversa do WhatsApp com|Chat WhatsApp con"
                    + "|Conversa de WhatsApp com|Чат WhatsApp с) (?<name>.+)$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^与(?<name>.+)的 ?WhatsApp ?(?:聊天|对话)$"),
            Pattern.compile("^(?<name>.+)(?:との| 와의 )WhatsApp ?(?:トーク|チャット|채팅)$"));
    private static final Pattern COPY_NUMBER = Pattern.compile(" ?\\(\\d{1,3}\\)$");

    private ChatNames() {}

    /** The chat's name in a file name of WhatsApp's, or null when the name is not one of those. */
    static String fromFileName(String fileName) {
        String base = baseName(fileName);
        for (Pattern p : NAMED) {
            Matcher m = p.matcher(base);
            if (m.matches()) return m.group("name").strip();
        }
        return null;
    }

    /** Whether a zip entry's name is the chat's text: iOS's {@code _chat.txt} or one of Android's names for it. */
    static boolean isChatText(String entryName) {
        String name = entryName.substring(entryName.lastIndexOf('/') + 1);
        if (!name.toLowerCase(Locale.ROOT).endsWith(".txt")) return false;
        return name.equals("_chat.txt") || fromFileName(name) != null;
    }

    /**
     * A file's name without its folder, its {@code .txt} or {@code .zip}, nor the " (1)" of a second download. Only
     * those two extensions go: a folder unpacked from "WhatsApp Chat - Dr. Smith.zip" must keep " Smith".
     */
    static String baseName(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".txt") || lower.endsWith(".zip")) name = name.substring(0, name.length() - 4);
        return COPY_NUMBER.matcher(name).replaceFirst("").strip();
    }
}
