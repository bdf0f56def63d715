package org.chatvault.client.exporter.txt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TXT export of a small fixed history, line by line. */
class TxtExporterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String CAKE = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
    private static final Conversation FAMILY = new Conversation("whatsapp-family", ConversationKind.GROUP, "Family / Home",
            List.of("Alice", "Bob", "me"));
    private static final Conversation HIKING = new Conversation("qq-10001", ConversationKind.DIRECT, "小明", List.of("小明", "me"));

    @TempDir Path dir;

    @Test
    void writesAFilePerConversationAndAnIndexInTheStylePeopleKnow() throws IOException {
        try (LocalStore store = history()) {
            Path export = Files.createDirectories(dir.resolve("export"));
            ExportReport r = new TxtExporter(CLOCK).export(store, export, ExportOptions.all(SHANGHAI));
            assertThat(r.format()).isEqualTo(ExportFormat.TXT);
            assertThat(r.conversations()).isEqualTo(2);
            assertThat(r.messages()).isEqualTo(10);
            assertThat(r.mediaFiles()).isEqualTo(1);
            assertThat(r.mediaMissing()).isEqualTo(1);

            String family = TxtExporter.fileName(FAMILY);
            String hiking = TxtExporter.fileName(HIKING);
            assertThat(family).matches("Family_Home_[0-9a-f]{8}\\.txt");
            assertThat(hiking).matches("小明_[0-9a-f]{8}\\.txt");
            String cakeFile = "media/cake_c0ffee00c0ffee00.jpg";
            assertThat(export.resolve(cakeFile)).hasContent("a cake");
            try (Stream<Path> files = Files.list(export)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(family, hiking, "index.txt", "media");
            }

            assertThat(lines(export.resolve(family))).containsExactly(
                    "Family / Home",
                    "Kind: group",
                    "Participants: Alice, Bob, me",
                    "Conversation id: whatsapp-family",
                    "Times: Asia/Shanghai",
                    "Exported: 2026-01-02 11:04:05 (Asia/Shanghai)",
                    "",
                    "2024-12-31 23:59:01  Alice: Happy new year!",
                    "    See you tomorrow",
                    "2025-01-01 00:00:30  Bob: cake",
                    "    [photo: " + cakeFile + "]",
                    "2025-01-01 00:01:00  me: [reply to Alice, 2024-12-31 23:59:01] Same to you [edited 2025-01-01 00:02:00]",
                    "2025-01-01 00:03:00  *** Alice added Carol",
                    "2025-01-01 00:04:00  Carol: [forwarded from Dan] [file not on this device: plan.pdf]",
                    "2025-01-01 00:05:00  Bob: [disappearing] only once",
                    "2025-01-01 00:06:00  Alice: [reply to an earlier message] [location] Mountain hut, 47.1, 11.2",
                    "2025-01-01 00:07:00  me:");
            assertThat(lines(export.resolve(hiking))).containsExactly(
                    "小明",
                    "Kind: direct chat",
                    "Participants: 小明, me",
                    "Conversation id: qq-10001",
                    "Times: Asia/Shanghai",
                    "Exported: 2026-01-02 11:04:05 (Asia/Shanghai)",
                    "",
                    "2025-01-04 08:00:00  小明: 周末去爬山吗？",
                    "    带上水和零食",
                    "    ",
                    "    七点出发",
                    "2025-01-04 08:01:00  me: 好的，不见不散");
            assertThat(lines(export.resolve("index.txt"))).containsExactly(
                    "Chatvault export, 2026-01-02 11:04:05 (Asia/Shanghai)",
                    "2 conversation(s), 10 message(s); times in Asia/Shanghai",
                    "",
                    family + "  Family / Home (group, 8 messages)",
                    hiking + "  小明 (direct chat, 2 messages)");
        }
    }

    @Test
    void writesOnlyTheChosenConversationFromTheChosenDayInTheChosenZone() throws IOException {
        try (LocalStore store = history()) {
            Path export = Files.createDirectories(dir.resolve("export"));
            long since = Instant.parse("2024-12-31T16:07:00Z").toEpochMilli();
            ExportReport r = new TxtExporter(CLOCK).export(store, export, new ExportOptions(List.of(FAMILY.id()), since, ZoneOffset.UTC));
            assertThat(r.conversations()).isEqualTo(1);
            assertThat(r.messages()).isEqualTo(1);
            assertThat(r.mediaFiles()).isZero();
            assertThat(lines(export.resolve(TxtExporter.fileName(FAMILY))))
                    .contains("Times: Z", "Messages since: 2024-12-31 16:07:00")
                    .endsWith("", "2024-12-31 16:07:00  me:");
            assertThat(export.resolve(TxtExporter.fileName(HIKING))).doesNotExist();
            assertThat(lines(export.resolve("index.txt"))).contains("Messages since 2024-12-31 16:07:00",
                    TxtExporter.fileName(FAMILY) + "  Family / Home (group, 1 message)");
        }
    }

    @Test
    void namesFilesSafelyAndDistinctly() {
        assertThat(TxtExporter.fileName(new Conversation("a", ConversationKind.DIRECT, "../../etc", List.of()))).matches("etc_[0-9a-f]{8}\\.txt");
        assertThat(TxtExporter.fileName(new Conversation("a", ConversationKind.DIRECT, "", List.of()))).matches("conversation_[0-9a-f]{8}\\.txt");
        assertThat(TxtExporter.fileName(new Conversation("a", ConversationKind.DIRECT, "Bo", List.of())))
                .isNotEqualTo(TxtExporter.fileName(new Conversation("b", ConversationKind.DIRECT, "Bo", List.of())));
        assertThat(TxtExporter.fileName(new Conversation("a", ConversationKind.DIRECT, "x".repeat(200), List.of()))).hasSize(60 + 1 + 8 + 4);
    }

    @Test
    void keepsEveryMessageStartingOnALineOfItsOwn() throws IOException {
        try (LocalStore store = LocalStore.open(dir.resolve("odd/local.db"))) {
            Conversation odd = new Conversation("odd", ConversationKind.GROUP, "Two\nlines", List.of("Bob\nEve"));
            store.putConversation(odd);
            store.addMessages(List.of(new Message("odd", "o1", at("2025-03-01T10:00:00Z"), "Bob\r\nEve", MessageType.TEXT,
                    "a\u2028b\u2029c\u0085d\re", List.of(), null, "Carol\nDan", null, false)));
            Path export = Files.createDirectories(dir.resolve("export"));
            new TxtExporter(CLOCK).export(store, export, ExportOptions.all(ZoneOffset.UTC));
            assertThat(lines(export.resolve(TxtExporter.fileName(odd)))).startsWith("Two lines", "Kind: group", "Participants: Bob Eve").endsWith(
                    "2025-03-01 10:00:00  Bob Eve: [forwarded from Carol Dan] a", "    b", "    c", "    d", "    e");
        }
    }

    private LocalStore history() throws IOException {
        LocalStore store = LocalStore.open(dir.resolve("store/local.db"));
        store.putConversation(FAMILY);
        store.putConversation(HIKING);
        store.media().write(CAKE, out -> out.write("a cake".getBytes(StandardCharsets.UTF_8)));
        String f = FAMILY.id();
        store.addMessages(List.of(
                Message.text(f, "f1", at("2024-12-31T15:59:01Z"), "Alice", "Happy new year!\nSee you tomorrow"),
                new Message(f, "f2", at("2024-12-31T16:00:30Z"), "Bob", MessageType.IMAGE, "cake",
                        List.of(new Attachment(CAKE, "cake.jpg", "image/jpeg", 6, null)), null, null, null, false),
                new Message(f, "f3", at("2024-12-31T16:01:00Z"), "me", MessageType.TEXT, "Same to you", List.of(), "f1", null,
                        at("2024-12-31T16:02:00Z"), false),
                new Message(f, "f4", at("2024-12-31T16:03:00Z"), "Alice", MessageType.SYSTEM, "Alice added Carol", List.of(), null, null, null, false),
                new Message(f, "f5", at("2024-12-31T16:04:00Z"), "Carol", MessageType.FILE, null,
                        List.of(new Attachment("absent-1234", "plan.pdf", "application/pdf", 5000, null)), null, "Dan", null, false),
                new Message(f, "f6", at("2024-12-31T16:05:00Z"), "Bob", MessageType.TEXT, "only once", List.of(), null, null, null, true),
                new Message(f, "f7", at("2024-12-31T16:06:00Z"), "Alice", MessageType.LOCATION, "Mountain hut, 47.1, 11.2", List.of(), "gone",
                        null, null, false),
                Message.text(f, "f8", at("2024-12-31T16:07:00Z"), "me", ""),
                Message.text(HIKING.id(), "h1", at("2025-01-04T00:00:00Z"), "小明", "周末去爬山吗？\n带上水和零食\n\n七点出发"),
                Message.text(HIKING.id(), "h2", at("2025-01-04T00:01:00Z"), "me", "好的，不见不散")));
        return store;
    }

    private static long at(String instant) { return Instant.parse(instant).toEpochMilli(); }

    private static List<String> lines(Path file) throws IOException { return Files.readAllLines(file, StandardCharsets.UTF_8); }
}
