package org.chatvault.client.exporter.html;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/** Builds histories for the HTML export's tests: text in bulk, and real PNG images with thumbnails. */
final class HtmlHistory {
    private final LocalStore store;

    HtmlHistory(LocalStore store) { this.store = store; }

    Conversation conversation(String id, ConversationKind kind, String title, String... participants) {
        Conversation c = new Conversation(id, kind, title, List.of(participants));
        store.putConversation(c);
        return c;
    }

    /** {@code count} text messages "{@code prefix} n", n = 1..count, one a minute from {@code start}, senders alternating. */
    void texts(String conversationId, int count, long start, String prefix) {
        List<Message> batch = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            batch.add(Message.text(conversationId, "t" + n, start + n * 60_000L, n % 2 == 0 ? "me" : "Ann", prefix + " " + n));
            if (batch.size() == 1000) {
                store.addMessages(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) store.addMessages(batch);
    }

    void add(Message... messages) { store.addMessages(List.of(messages)); }

    /** A PNG of the given size and colour stored in the LocalStore's media under {@code contentId}. */
    void png(String contentId, int width, int height, Color color) {
        byte[] bytes = png(width, height, color);
        try {
            store.media().write(contentId, out -> out.write(bytes), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A content id shaped like the importers' (hex), distinct per seed. */
    static String contentId(int seed) { return HexFormat.of().formatHex(new byte[] {(byte) seed, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}); }

    static Message photo(String conversationId, String id, long at, String sender, String text, String contentId, String thumbnailId) {
        return new Message(conversationId, id, at, sender, MessageType.IMAGE, text,
                List.of(new Attachment(contentId, "holiday photo.png", "image/png", 2048, thumbnailId)), null, null, null, false);
    }
}
