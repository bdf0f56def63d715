package org.chatvault.client.importer.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Message;

/** The WeChat fixtures copied into a test's folder (with their media), and imports of them into real LocalStores. */
final class WeChatFixtures {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<String> FILES = List.of("group.csv", "private.csv", "messages.json", "messages-columns.csv",
            "media/mountain.jpg", "media/route.txt");

    private final Path dir;

    WeChatFixtures(Path dir) {
        this.dir = dir;
        try {
            for (String name : FILES) {
                Path copy = dir.resolve("export").resolve(name);
                Files.createDirectories(copy.getParent());
                try (InputStream in = WeChatFixtures.class.getResourceAsStream("/import/wechat/" + name)) {
                    Files.copy(in, copy);
                }
            }
            // beside the export's folder: a src of "../outside.jpg" must not reach it
            Files.writeString(dir.resolve("outside.jpg"), "not part of the export");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name) { return dir.resolve("export").resolve(name); }

    LocalStore store(String name) { return LocalStore.open(dir.resolve("stores").resolve(name).resolve("local.db")); }

    static ImportReport importInto(LocalStore store, Path file, ImportFormat format) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        return new ImportService(store, clock).run(file, format, new ImportOptions(SHANGHAI));
    }

    static List<Message> messages(LocalStore store, String conversationId) {
        List<Message> all = new ArrayList<>();
        store.forEachMessage(conversationId, Long.MIN_VALUE, all::add);
        return all;
    }
}
