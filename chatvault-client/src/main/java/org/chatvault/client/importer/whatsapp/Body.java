package org.chatvault.client.importer.whatsapp;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatvault.core.model.MessageType;

/**
 * What a message's text says, once WhatsApp's markers are read: a file attached to it
 * ({@code IMG-20241231-WA0001.jpg (file attached)}, {@code <attached: 00000012-PHOTO-….jpg>}), a file left out
 * of the export ({@code <Media omitted>}, {@code image omitted}), a deleted message, an edit
 * ({@code <This message was edited>}, removed from the text), or a system line. The markers are those of the
 * languages listed here; a file marker in another language is still read when the zip holds the file it names.
 *
 * @param type       SYSTEM for system lines and deleted messages
 * @param text       the text without the markers, null when nothing is left
 * @param fileName   the file the message carries, null if none
 * @param omitted    a file the export left out (its name, if any, is {@code fileName})
 * @param edited     the message says it was edited
 * @param byWhatsApp a line WhatsApp wrote ("X added Y", the encryption notice), not a person: it has no sender
 */
record Body(MessageType type, String text, String fileName, boolean omitted, boolean edited, boolean byWhatsApp) {

    private static final Set<String> ATTACHED_ANDROID = Set.of("file attached", "datei angehängt", "archivo adjunto",
            "fichier joint", "arquivo anexado", "file allegato", "bestand bijgevoegd", "文件已附上", "附件", "dosya ekli",
            "файл добавлен", "plik załączony");
    private static final Set<String> ATTACHED_IOS = Set.of("attached", "anhang", "adjunto", "附件", "pièce jointe",
            "allegato", "anexo", "bijlage", "ek", "вложение", "załącznik");
    private static final Set<String> MEDIA_OMITTED = Set.of("<media omitted>", "<medien ausgeschlossen>", "<multimedia omitido>",
            "<省略影音内容>", "<媒体文件已省略>", "<médias omis>", "<mídia oculta>", "<media omessi>", "<media weggelaten>",
            "<без медиафайлов>");
    /** The longest marker that is a message's whole text (deleted, omitted), with room to spare. */
    private static final int MARKER_MAX = 40;
    private static final Set<String> DELETED = Set.of("this message was deleted", "you deleted this message",
            "diese nachricht wurde gelöscht", "du hast diese nachricht gelöscht", "se eliminó este mensaje",
            "eliminaste este mensaje", "此消息已删除", "你删除了此消息", "ce message a été supprimé", "vous avez supprimé ce message");
    private static final Pattern EDITED = Pattern.compile("<(?:This message was edited|Diese Nachricht wurde bearbeitet"
            + "|Se editó este mensaje\\.?|Ce message a été modifié|此消息已编辑|已编辑)>");
    private static final Pattern ANDROID_FILE = Pattern.compile("^[" + HeaderLine.MARKS + "]*(?<name>[^/\\\\<>]+?\\.\\w{1,6}) \\((?<word>[^()]{2,30})\\)$");
    /** iOS's file marker, matched from the line's last {@code <} (the text before it is the document's description). */
    private static final Pattern IOS_FILE = Pattern.compile("<(?<word>[^<>:：]{1,20})[:：] ?(?<name>[^/\\\\<>]+)>");
    private static final Pattern IOS_OMITTED = Pattern.compile("^(?<what>image|video|audio|sticker|gif|document|contact card"
            + "|bild|dokument|kontaktkarte|imagen|documento|tarjeta de contacto) "
            + "(?:omitted|weggelassen|omitid[oa])$", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCATION = Pattern.compile("^(?:location|standort|ubicación|位置): https://maps\\.google\\.com/\\S+$",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param sender    null for a line without a name (Android's system lines)
     * @param raw       the message's lines joined by {@code \n}, as the export has them
     * @param ios       the iOS form: there a line whose text starts with U+200E and is no marker is a system line
     *                  (iOS writes them under the chat's name)
     * @param zipHolds  whether the export holds a file by this name (a marker in a language not listed is read then)
     */
    static Body read(String sender, String raw, boolean ios, Predicate<String> zipHolds) {
        boolean marked = !raw.isEmpty() && raw.charAt(0) == '\u200E';
        String text = raw;
        boolean edited = false;
        // every marker below ends or starts in a way most messages do not: test that first, a chat has millions of lines
        if (endsWith(text, '>')) {
            int lt = text.lastIndexOf('<');
            if (lt >= 0 && EDITED.matcher(HeaderLine.strip(text.substring(lt))).matches()) {
                edited = true;
                text = text.substring(0, lt);
            }
        }
        String plain = HeaderLine.strip(text);
        if (sender == null) return new Body(MessageType.SYSTEM, plain, null, false, edited, true);
        if (plain.length() <= MARKER_MAX) {
            String lower = plain.toLowerCase(Locale.ROOT);
            if (DELETED.contains(trimDot(lower))) return new Body(MessageType.SYSTEM, plain, null, false, false, false);
            if (MEDIA_OMITTED.contains(lower)) return new Body(MessageType.FILE, null, null, true, edited, false);
            Matcher omitted = IOS_OMITTED.matcher(plain);
            if (omitted.matches()) return new Body(omittedType(omitted.group("what")), null, null, true, edited, false);
        }
        int newline = plain.indexOf('\n');
        String firstLine = newline < 0 ? plain : plain.substring(0, newline);
        String caption = newline < 0 ? null : emptyToNull(HeaderLine.strip(plain.substring(newline + 1)));
        if (endsWith(firstLine, ')')) {
            Matcher android = ANDROID_FILE.matcher(firstLine);
            if (android.matches() && (ATTACHED_ANDROID.contains(android.group("word").toLowerCase(Locale.ROOT))
                    || zipHolds.test(android.group("name")))) {
                String name = android.group("name");
                return new Body(fileType(name), caption, name, false, edited, false);
            }
        }
        int lt = endsWith(firstLine, '>') ? firstLine.lastIndexOf('<') : -1;
        if (lt >= 0) {
            Matcher apple = IOS_FILE.matcher(HeaderLine.strip(firstLine.substring(lt)));
            if (apple.matches() && (ATTACHED_IOS.contains(apple.group("word").toLowerCase(Locale.ROOT)) || zipHolds.test(apple.group("name")))) {
                String name = HeaderLine.strip(apple.group("name"));
                String pre = emptyToNull(HeaderLine.strip(firstLine.substring(0, lt)));
                String all = pre == null ? caption : caption == null ? pre : pre + "\n" + caption;
                return new Body(fileType(name), all, name, false, edited, false);
            }
        }
        if (ios && marked) return new Body(MessageType.SYSTEM, plain, null, false, edited, true);
        if (plain.contains("https://maps.google.com/") && LOCATION.matcher(plain).matches())
            return new Body(MessageType.LOCATION, plain, null, false, edited, false);
        return new Body(MessageType.TEXT, plain, null, false, edited, false);
    }

    /**
     * Whether a line is WhatsApp's rather than a person's, as {@link #read} would say, cheaply: only an
     * iOS text that starts with a left-to-right mark needs reading whole.
     */
    static boolean byWhatsApp(String sender, String raw, boolean ios, Predicate<String> zipHolds) {
        if (sender == null) return true;
        if (!ios || raw.isEmpty() || raw.charAt(0) != '\u200E') return false;
        return read(sender, raw, true, zipHolds).byWhatsApp();
    }

    private static boolean endsWith(String s, char ch) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ch) return true;
            if (!HeaderLine.isMark(c) && !Character.isWhitespace(c)) return false;
        }
        return false;
    }

    /** The message type of a file by the names WhatsApp gives them (IMG-, VID-, PTT-, STK-; iOS PHOTO, VIDEO, AUDIO, STICKER). */
    static MessageType fileType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String ext = n.lastIndexOf('.') < 0 ? "" : n.substring(n.lastIndexOf('.') + 1);
        if (ext.equals("webp") && (n.startsWith("stk-") || n.contains("sticker"))) return MessageType.STICKER;
        if (ext.equals("vcf")) return MessageType.CONTACT;
        return switch (ext) {
            case "jpg", "jpeg", "png", "gif", "heic", "webp", "bmp" -> MessageType.IMAGE;
            case "mp4", "mov", "3gp", "webm", "m4v" -> MessageType.VIDEO;
            case "opus", "ogg", "m4a", "aac", "amr", "mp3", "wav" -> MessageType.VOICE;
            default -> MessageType.FILE;
        };
    }

    private static MessageType omittedType(String what) {
        return switch (what.toLowerCase(Locale.ROOT)) {
            case "image", "bild", "imagen" -> MessageType.IMAGE;
            case "video", "gif" -> MessageType.VIDEO;
            case "audio" -> MessageType.VOICE;
            case "sticker" -> MessageType.STICKER;
            case "contact card", "kontaktkarte", "tarjeta de contacto" -> MessageType.CONTACT;
            default -> MessageType.FILE;
        };
    }

    private static String trimDot(String s) { return s.endsWith(".") ? s.substring(0, s.length() - 1) : s; }

    private static String emptyToNull(String s) { return s == null || s.isEmpty() ? null : s; }
}
