package org.chatvault.client.importer.wechat;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XML WeChat keeps in a message's content (links, files, quotes, locations, contact cards,
 * recalls), flattened: an element's text under its path below the root ({@code appmsg/title},
 * {@code appmsg/refermsg/svrid}), an attribute under {@code path@name} ({@code location@x}; the
 * root's own as {@code @nickname}); the first occurrence wins. Content that is not well-formed
 * gives an empty map: the caller then keeps the content as written. No DTDs, no external entities.
 */
final class WeChatXml {
    private static final XMLInputFactory FACTORY = factory();

    private final Map<String, String> values;

    private WeChatXml(Map<String, String> values) { this.values = values; }

    /** Whether {@code content} may be XML at all (WeChat's plain text rarely starts with '<'). */
    static boolean looksLikeXml(String content) {
        return content != null && content.stripLeading().startsWith("<");
    }

    static WeChatXml parse(String content) {
        Map<String, String> values = new HashMap<>();
        if (!looksLikeXml(content)) return new WeChatXml(values);
        try {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(new StringReader(content.strip()));
            try {
                read(xml, values);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            // not XML after all (or damaged): the caller keeps the content as written
            values.clear();
        }
        return new WeChatXml(values);
    }

    private static void read(XMLStreamReader xml, Map<String, String> values) throws XMLStreamException {
        Deque<String> paths = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        while (xml.hasNext()) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String path = paths.isEmpty() ? "" : (paths.peek().isEmpty() ? "" : paths.peek() + "/") + xml.getLocalName();
                    paths.push(path);
                    texts.push(new StringBuilder());
                    for (int i = 0; i < xml.getAttributeCount(); i++)
                        values.putIfAbsent(path + "@" + xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!texts.isEmpty()) texts.peek().append(xml.getText());
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String path = paths.pop();
                    String text = texts.pop().toString().strip();
                    if (!path.isEmpty() && !text.isEmpty()) values.putIfAbsent(path, text);
                }
                default -> { }
            }
        }
    }

    boolean isEmpty() { return values.isEmpty(); }

    /** The value at {@code key}, or "" when there is none. */
    String get(String key) { return values.getOrDefault(key, ""); }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }
}
