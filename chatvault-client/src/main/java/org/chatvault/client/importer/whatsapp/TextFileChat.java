package org.chatvault.client.importer.whatsapp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;

/**
 * A chat's {@code .txt}. The files it names are taken from beside it when they are there (the user
 * unpacked WhatsApp's zip), and only from there: a name with a path in it is not followed.
 */
final class TextFileChat implements ChatArchive {
    private final Path file;
    private final Path folder;

    TextFileChat(Path file) {
        this.file = file;
        this.folder = file.toAbsolutePath().getParent();
    }

    @Override public Path file() { return file; }

    @Override public String chatName() {
        String own = ChatNames.fromFileName(file.getFileName().toString());
        if (own != null) return own;
        // iOS's "_chat.txt" unpacked into a folder named after the zip ("WhatsApp Chat - Family")
        if (folder != null && folder.getFileName() != null) {
            String fromFolder = ChatNames.fromFileName(folder.getFileName().toString());
            if (fromFolder != null) return fromFolder;
        }
        return ChatNames.baseName(file.getFileName().toString());
    }

    @Override public LineReader openText() throws IOException { return ChatArchive.textReader(Files.newInputStream(file)); }

    @Override public String where(long line) { return "line " + line; }

    @Override public String whereText() { return ""; }

    @Override public boolean holds(String fileName) { return beside(fileName) != null; }

    @Override public Attachment copy(String fileName, ImportSink sink) throws IOException {
        Path f = beside(fileName);
        return f == null ? null : sink.file(f, fileName, null);
    }

    private Path beside(String fileName) {
        if (folder == null || !ChatArchive.plainFileName(fileName)) return null;
        Path f;
        try {
            f = folder.resolve(fileName);
        } catch (java.nio.file.InvalidPathException e) {
            return null; // a name this file system cannot hold is not a file beside the chat
        }
        return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && !f.equals(file.toAbsolutePath()) ? f : null;
    }

    @Override public void close() {}
}
