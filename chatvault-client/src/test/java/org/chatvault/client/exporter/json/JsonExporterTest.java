package org.chatvault.client.exporter.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.ExportService;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON export written from generated history, and read back by the chatvault-json importer into another store. */
class JsonExporterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(GeneratedHistory.NOW), ZoneOffset.UTC);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void exportThenImportIntoANewStoreGivesBackEveryFieldAndEveryFile() throws IOException {
        try (LocalStore original = LocalStore.open(dir.resolve("a/local.db")); LocalStore copy = LocalStore.open(dir.resolve("b/local.db"))) {
            GeneratedHistory.generate(original, 42, 6, 4_000);
            var materialized = GeneratedHistory.materialize(original, 0.0005);
            assertThat(materialized.files()).as("the history has media to carry over").isPositive();
            assertThat(materialized.thumbnails()).isPositive();

            Path export = dir.resolve("export");
            ExportReport written = new ExportService(original).run(export, ExportFormat.JSON, ExportOptions.all(ZONE));
            assertThat(written.conversations()).isEqualTo(6);
            assertThat(written.messages()).isEqualTo(original.messageCount());
            assertThat(written.mediaFiles()).isEqualTo(materialized.files() + materialized.thumbnails());

            ImportReport read = new ImportService(copy, CLOCK).run(export, null, new ImportOptions(ZONE));
            assertThat(read.format()).as("detected from the directory").isEqualTo(ImportFormat.CHATVAULT_JSON);
            assertThat(read.messagesRead()).isEqualTo(original.messageCount());
            assertThat(read.messagesAdded()).isEqualTo(original.messageCount());

            assertThat(new HashSet<>(copy.conversations())).isEqualTo(new HashSet<>(original.conversations()));
            Map<String, List<Message>> want = GeneratedHistory.messages(original);
            Map<String, List<Message>> got = GeneratedHistory.messages(copy);
            assertThat(got.keySet()).isEqualTo(want.keySet());
            for (String id : want.keySet()) assertThat(got.get(id)).as("conversation %s", id).containsExactlyElementsOf(want.get(id));
            assertThat(want.values().stream().flatMap(List::stream))
                    .as("the generated history exercises every optional field")
                    .anyMatch(m -> m.replyTo() != null).anyMatch(m -> m.forwardedFrom() != null).anyMatch(m -> m.editedAt() != null)
                    .anyMatch(Message::ephemeral).anyMatch(m -> m.text() == null);

            int files = 0;
            for (List<Message> list : want.values()) {
                for (Message m : list) {
                    for (Attachment a : m.attachments()) {
                        for (String contentId : new String[] {a.contentId(), a.thumbnailId()}) {
                            if (contentId == null || !original.media().has(contentId)) continue;
                            assertThat(copy.media().path(contentId)).as("file %s", contentId).hasSameBinaryContentAs(original.media().path(contentId));
                            files++;
                        }
                    }
                }
            }
            assertThat(files).isPositive();
        }
    }

    @Test
    void oddValuesSurviveTheRoundTripExactly() throws IOException {
        List<Conversation> conversations = List.of(
                new Conversation("channel/“quoted” \\ 频道", org.chatvault.core.model.ConversationKind.CHANNEL, "", List.of()),
                new Conversation("c-2", org.chatvault.core.model.ConversationKind.GROUP, "👨‍👩‍👧 family\tand\u0000more", List.of("", "a\"b", "x\ny")));
        String first = conversations.get(0).id();
        List<Message> messages = List.of(
                new Message(first, "m-empty", -1L, "", org.chatvault.core.model.MessageType.TEXT, "", List.of(), null, null, null, false),
                new Message(first, "m-null", 0L, "me", org.chatvault.core.model.MessageType.POLL, null, List.of(), "m-empty", "", 0L, true),
                new Message(first, "消息/1 \u001f", 253_402_300_799_999L, "\u202eevil", org.chatvault.core.model.MessageType.STICKER,
                        "\u0001\u001f\"\\/\u2028\r\n😀", List.of(new Attachment("absent-x", "", null, 0, "no-such-thumbnail"),
                                new Attachment("a".repeat(64), "x.bin", "application/x-made-up", Long.MAX_VALUE, null)),
                        null, "Ünïcødé", Long.MAX_VALUE, false),
                Message.text("c-2", "same-time-a", 1_000L, "b", "first of two at one millisecond"),
                Message.text("c-2", "same-time-b", 1_000L, "b", "second of two at one millisecond"));
        try (LocalStore original = LocalStore.open(dir.resolve("a/local.db")); LocalStore copy = LocalStore.open(dir.resolve("b/local.db"))) {
            conversations.forEach(original::putConversation);
            original.addMessages(messages);
            Path export = dir.resolve("export");
            new ExportService(original).run(export, ExportFormat.JSON, ExportOptions.all(ZONE));
            new ImportService(copy, CLOCK).run(export, null, new ImportOptions(ZONE));
            assertThat(new HashSet<>(copy.conversations())).isEqualTo(new HashSet<>(original.conversations())).hasSize(2);
            assertThat(GeneratedHistory.messages(copy)).isEqualTo(GeneratedHistory.messages(original));
            assertThat(GeneratedHistory.messages(copy).values().stream().mapToLong(List::size).sum()).isEqualTo(messages.size());
        }
    }

    @Test
    void theSameExportImportedTwiceAddsNothing() throws IOException {
        try (LocalStore original = LocalStore.open(dir.resolve("a/local.db")); LocalStore copy = LocalStore.open(dir.resolve("b/local.db"))) {
            GeneratedHistory.generate(original, 7, 3, 1_500);
            GeneratedHistory.materialize(original, 0.0005);
            Path export = dir.resolve("export");
            new ExportService(original).run(export, ExportFormat.JSON, ExportOptions.all(ZONE));
            ImportService imports = new ImportService(copy, CLOCK);
            ImportReport first = imports.run(export.resolve(JsonExportSchema.FILE_NAME), ImportFormat.CHATVAULT_JSON, new ImportOptions(ZONE));
            Map<String, List<Message>> afterFirst = GeneratedHistory.messages(copy);
            ImportReport second = imports.run(export, ImportFormat.CHATVAULT_JSON, new ImportOptions(ZONE));
            assertThat(first.messagesAdded()).isEqualTo(1_500);
            assertThat(second.messagesRead()).isEqualTo(1_500);
            assertThat(second.messagesAdded()).isZero();
            assertThat(copy.messageCount()).isEqualTo(1_500);
            assertThat(GeneratedHistory.messages(copy)).isEqualTo(afterFirst);
            assertThat(copy.imports()).hasSize(2);
        }
    }

    @Test
    void writesOnlyTheChosenConversationsFromTheChosenTimeOn() throws IOException {
        try (LocalStore store = LocalStore.open(dir.resolve("a/local.db"))) {
            GeneratedHistory.generate(store, 11, 4, 2_000);
            List<Conversation> all = store.conversations();
            String first = all.get(0).id();
            String third = all.get(2).id();
            List<Message> thirds = GeneratedHistory.messages(store).get(third);
            long since = thirds.get(thirds.size() / 2).sentAt();

            Path export = dir.resolve("export");
            ExportReport r = new ExportService(store).run(export, ExportFormat.JSON, new ExportOptions(List.of(third, first), since, ZONE));
            JsonNode root = MAPPER.readTree(export.resolve(JsonExportSchema.FILE_NAME).toFile());
            assertThat(root.get("since").asLong()).isEqualTo(since);
            List<String> ids = new ArrayList<>();
            long messages = 0;
            for (JsonNode c : root.get("conversations")) {
                ids.add(c.get("id").asText());
                for (JsonNode m : c.get("messages")) {
                    assertThat(m.get("sentAt").asLong()).isGreaterThanOrEqualTo(since);
                    messages++;
                }
            }
            assertThat(ids).containsExactlyInAnyOrder(first, third);
            long expected = GeneratedHistory.messages(store).entrySet().stream().filter(e -> Set.of(first, third).contains(e.getKey()))
                    .flatMap(e -> e.getValue().stream()).filter(m -> m.sentAt() >= since).count();
            assertThat(messages).isEqualTo(expected).isEqualTo(r.messages()).isGreaterThanOrEqualTo(thirds.size() / 2);
            assertThat(r.conversations()).isEqualTo(2);
        }
    }

    @Test
    void writesTheDocumentedLayoutOneMessagePerLine() throws IOException {
        try (LocalStore store = LocalStore.open(dir.resolve("a/local.db"))) {
            store.putConversation(new Conversation("c1", org.chatvault.core.model.ConversationKind.DIRECT, "Bo \"B\"", List.of("bo", "me")));
            store.addMessages(List.of(Message.text("c1", "m1", 1_735_689_599_000L, "bo", "周末去爬山吗\nok?"),
                    new Message("c1", "m2", 1_735_689_600_123L, "me", org.chatvault.core.model.MessageType.IMAGE, null,
                            List.of(new Attachment("absent-0123", "p.jpg", "image/jpeg", 12, null)), "m1", null, 1_735_689_700_000L, false)));
            Path export = dir.resolve("export");
            ExportReport r = new JsonExporter(CLOCK).export(store, Files.createDirectories(export), ExportOptions.all(ZONE));
            assertThat(r.mediaMissing()).isEqualTo(1);
            List<String> lines = Files.readAllLines(export.resolve(JsonExportSchema.FILE_NAME), StandardCharsets.UTF_8);
            assertThat(lines).containsExactly(
                    "{\"format\":\"chatvault-export\",\"version\":1,\"exportedAt\":1790000000000,\"exportedAtText\":\"2026-09-21T14:13:20Z\",\"since\":null,\"conversations\":[",
                    "{\"id\":\"c1\",\"kind\":\"DIRECT\",\"title\":\"Bo \\\"B\\\"\",\"participants\":[\"bo\",\"me\"],\"messages\":[",
                    "{\"id\":\"m1\",\"sentAt\":1735689599000,\"sentAtText\":\"2024-12-31T23:59:59Z\",\"sender\":\"bo\",\"type\":\"TEXT\","
                            + "\"text\":\"周末去爬山吗\\nok?\",\"replyTo\":null,\"forwardedFrom\":null,\"editedAt\":null,\"ephemeral\":false,\"attachments\":[]},",
                    "{\"id\":\"m2\",\"sentAt\":1735689600123,\"sentAtText\":\"2025-01-01T00:00:00.123Z\",\"sender\":\"me\",\"type\":\"IMAGE\","
                            + "\"text\":null,\"replyTo\":\"m1\",\"forwardedFrom\":null,\"editedAt\":1735689700000,\"ephemeral\":false,\"attachments\":["
                            + "{\"contentId\":\"absent-0123\",\"name\":\"p.jpg\",\"mime\":\"image/jpeg\",\"size\":12,\"thumbnailId\":null,\"file\":null,\"thumbnailFile\":null}]}",
                    "]}",
                    "]}");
        }
    }
}
