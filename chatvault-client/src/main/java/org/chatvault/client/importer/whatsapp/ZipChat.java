package org.chatvault.client.importer.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;

/**
 * The zip WhatsApp shares: the chat's text ({@code _chat.txt} from iOS, {@code WhatsApp Chat with X.txt} from
 * Android) and the media it names. Entries are read as streams straight into the LocalStore; nothing is
 * unpacked to a path made from an entry's name, so a crafted name ({@code ../../x}) leads nowhere.
 */
final class ZipChat implements ChatArchive {
    private final Path file;
    private final ZipFile zip;
    private final ZipEntry chat;
    /** Media entries by their file name (the text names files without folders). */
    private final Map<String, ZipEntry> media = new HashMap<>();

    private ZipChat(Path file, ZipFile zip, ZipEntry chat) {
        this.file = file;
        this.zip = zip;
        this.chat = chat;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.isDirectory() || e == chat) continue;
            String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
            media.putIfAbsent(name, e);
        }
    }

    /** @throws ImportException when the zip holds no chat text */
    static ZipChat open(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        try {
            return new ZipChat(file, zip, chatEntry(file, zip));
        } catch (IllegalArgumentException e) {
            zip.close();
            // the JDK's word for entry names in another encoding than UTF-8 (WhatsApp writes UTF-8)
            throw ImportException.of(file, "expected a zip archive with UTF-8 entry names, found others (" + e.getMessage() + ")");
        } catch (RuntimeException | Error e) {
            zip.close();
            throw e;
        }
    }

    /** The zip's chat text: the entry named as WhatsApp names it, else its only .txt. */
    static ZipEntry findChat(ZipFile zip) {
        List<ZipEntry> texts = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.isDirectory()) continue;
            if (ChatNames.isChatText(e.getName())) return e;
            if (e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".txt")) texts.add(e);
        }
        return texts.size() == 1 ? texts.getFirst() : null;
    }

    private static ZipEntry chatEntry(Path file, ZipFile zip) {
        ZipEntry e = findChat(zip);
        if (e == null)
            throw ImportException.of(file, "no chat text in this zip: expected '_chat.txt' (iOS) or 'WhatsApp Chat with ….txt' (Android) among its entries");
        return e;
    }

    @Override public Path file() { return file; }

    @Override public String chatName() {
        String entryName = chat.getName().substring(chat.getName().lastIndexOf('/') + 1);
        String own = ChatNames.fromFileName(entryName);
        if (own != null) return own;
        String zipName = ChatNames.fromFileName(file.getFileName().toString());
        return zipName != null ? zipName : ChatNames.baseName(file.getFileName().toString());
    }

    @Override public LineReader openText() throws IOException { return ChatArchive.textReader(zip.getInputStream(chat)); }

    @Override public String where(long line) { return whereText() + ", line " + line; }

    @Override public String whereText() { return "entry '" + chat.getName() + "'"; }

    @Override public boolean holds(String fileName) { return media.containsKey(fileName); }

    @Override public Attachment copy(String fileName, ImportSink sink) throws IOException {
        ZipEntry e = media.get(fileName);
        if (e == null) return null;
        try (InputStream in = zip.getInputStream(e)) {
            return sink.content(in, fileName, null);
        }
    }

    @Override public void close() throws IOException { zip.close(); }
}
