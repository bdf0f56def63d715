package org.chatvault.client.importer.wechat;

import java.util.StringJoiner;

/**
 * A WeChat message's content read for its kind: plain text as it is; for XML content the parts a
 * reader wants (a link's title and address, a file's name and size, a quote's text and the
 * message it answers, a place's name and coordinates, a card's name). XML that cannot be read is
 * kept as written rather than lost.
 *
 * @param text          the message's text, or null
 * @param replyTo       the id (WeChat's server id) of the message a quote answers, or null
 * @param forwardedFrom the title of a forwarded chat record, or null
 * @param fileName      the name of the file it carries, or null (a file message's own title)
 * @param fileSize      the size the content states, or 0
 */
record WeChatContent(String text, String replyTo, String forwardedFrom, String fileName, long fileSize) {
    static WeChatContent of(WeChatKind kind, String content) {
        String raw = content == null || content.isEmpty() ? null : content;
        if (kind == WeChatKind.TEXT || !WeChatXml.looksLikeXml(raw)) return plain(kind, raw);
        WeChatXml xml = WeChatXml.parse(raw);
        if (xml.isEmpty()) return plain(kind, raw);
        return switch (kind) {
            case IMAGE, VOICE, VIDEO, STICKER -> new WeChatContent(null, null, null, null, 0);
            case FILE -> new WeChatContent(null, null, null, blankToNull(xml.get("appmsg/title")), size(xml.get("appmsg/appattach/totallen")));
            case QUOTE -> new WeChatContent(blankToNull(xml.get("appmsg/title")), blankToNull(xml.get("appmsg/refermsg/svrid")), null, null, 0);
            case CHAT_RECORD -> {
                String title = blankToNull(xml.get("appmsg/title"));
                yield new WeChatContent(lines(title, xml.get("appmsg/des")), null, title, null, 0);
            }
            case LINK, MINI_PROGRAM, APP -> new WeChatContent(lines(xml.get("appmsg/title"), xml.get("appmsg/des"), xml.get("appmsg/url")), null, null, null, 0);
            case LOCATION -> new WeChatContent(lines(xml.get("location@poiname"), xml.get("location@label"),
                    coordinates(xml.get("location@x"), xml.get("location@y"))), null, null, null, 0);
            case CONTACT -> new WeChatContent(lines(xml.get("@nickname"), xml.get("@alias").isEmpty() ? xml.get("@username") : xml.get("@alias")), null, null, null, 0);
            case SYSTEM -> new WeChatContent(firstNonBlank(xml.get("revokemsg"), xml.get("pat/template"), raw), null, null, null, 0);
            case TEXT -> plain(kind, raw);
        };
    }

    /** Content that is not XML: the text itself (a file message's text is its file name). */
    private static WeChatContent plain(WeChatKind kind, String raw) {
        if (kind == WeChatKind.FILE) return new WeChatContent(null, null, null, raw, 0);
        if (kind.media() && raw != null && raw.strip().startsWith("<")) return new WeChatContent(null, null, null, null, 0);
        return new WeChatContent(raw, null, null, null, 0);
    }

    private static String lines(String... parts) {
        StringJoiner out = new StringJoiner("\n");
        for (String p : parts) if (p != null && !p.isBlank()) out.add(p.strip());
        return out.length() == 0 ? null : out.toString();
    }

    private static String coordinates(String x, String y) {
        return x.isBlank() || y.isBlank() ? null : x.strip() + ", " + y.strip();
    }

    private static long size(String text) {
        try {
            return Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return 0; // the size is a courtesy: a file without one is still the file
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.strip();
        return null;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}
