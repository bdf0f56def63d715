package org.chatvault.client.importer.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.importer.Importers;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelegramImporterTest {
    private static final ImportOptions NEW_YORK = new ImportOptions(ZoneId.of("America/New_York"));

    @TempDir Path dir;
    private LocalStore store;
    private ImportService imports;

    @BeforeEach void open() {
        store = LocalStore.open(dir.resolve("local.db"));
        imports = new ImportService(store, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach void close() { store.close(); }

    static Path fixture(String name) {
        try {
            return Path.of(TelegramImporterTest.class.getResource("/import/telegram/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Message> messages(String conversationId) {
        Map<String, Message> out = new LinkedHashMap<>();
        store.forEachMessage(conversationId, Long.MIN_VALUE, m -> out.put(m.id(), m));
        return out;
    }

    @Test void recognizesTelegramExportsOnly() throws IOException {
        TelegramImporter telegram = new TelegramImporter();
        assertTrue(telegram.recognizes(fixture("single")));
        assertTrue(telegram.recognizes(fixture("single/result.json")));
        assertTrue(telegram.recognizes(fixture("full/result.json")));
        assertFalse(telegram.recognizes(fixture("wrong-format.json")));
        assertFalse(telegram.recognizes(fixture("single/photos/photo_1@01-02-2024_10-06-00.jpg")));
        Path binary = Files.write(dir.resolve("noise.json"), noise());
        assertFalse(telegram.recognizes(binary));
        assertTrue(Importers.detect(fixture("full")) instanceof TelegramImporter);
        assertTrue(Importers.detect(fixture("single")) instanceof TelegramImporter);
    }

    @Test void importsASingleChatWithEntitiesRepliesEditsForwardsServiceMessagesAndMedia() throws IOException {
        ImportReport report = imports.run(fixture("single"), null, NEW_YORK);
        assertEquals(ImportFormat.TELEGRAM, report.format());
        assertEquals(13, report.messagesRead());
        assertEquals(13, report.messagesAdded());
        assertEquals(1, report.files());
        assertEquals(2, report.absentFiles());

        Conversation chat = store.conversation("telegram-4321").orElseThrow();
        assertEquals(ConversationKind.GROUP, chat.kind());
        assertEquals("Hiking Club", chat.title());
        assertEquals(List.of("Alice", "Bob", "Deleted Account (user999)", "Carol"), chat.participants());

        Map<String, Message> ms = messages("telegram-4321");
        assertEquals(13, ms.size());

        Message created = ms.get("1");
        assertEquals(MessageType.SYSTEM, created.type());
        assertEquals("Alice", created.sender());
        assertEquals("Alice created group “Hiking Club” with Alice, Bob", created.text());
        assertEquals(1706778000000L, created.sentAt());

        assertEquals("Route: Zugspitze see the map (https://example.org/map) or https://example.org", ms.get("2").text());
        assertEquals(MessageType.TEXT, ms.get("2").type());

        Message reply = ms.get("3");
        assertEquals("2", reply.replyTo());
        assertEquals(1706778300000L, reply.editedAt());
        assertEquals("Bob", reply.sender());

        Message forwarded = ms.get("4");
        assertEquals("Weather Bot", forwarded.forwardedFrom());
        assertEquals("Sunny\nand\tcold \"really\" C:\\x41", forwarded.text());

        assertEquals("Deleted Account (user999)", ms.get("5").sender());

        Message photo = ms.get("6");
        assertEquals(MessageType.IMAGE, photo.type());
        assertEquals("The summit", photo.text());
        Attachment present = photo.attachments().getFirst();
        assertEquals("photo_1@01-02-2024_10-06-00.jpg", present.name());
        assertEquals(Files.size(fixture("single/photos/photo_1@01-02-2024_10-06-00.jpg")), present.size());
        assertTrue(store.media().has(present.contentId()), "the photo's bytes are in the LocalStore's media");

        Message notIncluded = ms.get("7");
        assertEquals(MessageType.IMAGE, notIncluded.type());
        assertNull(notIncluded.text());
        Attachment placeholder = notIncluded.attachments().getFirst();
        assertTrue(placeholder.contentId().startsWith("absent-"), placeholder.contentId());
        assertEquals(123456, placeholder.size());
        assertFalse(store.media().has(placeholder.contentId()));

        assertEquals("Alice invited Carol", ms.get("8").text());
        Message pin = ms.get("9");
        assertEquals("Bob pinned a message", pin.text());
        assertEquals("3", pin.replyTo());

        Message voice = ms.get("10");
        assertEquals(MessageType.VOICE, voice.type());
        Attachment missing = voice.attachments().getFirst();
        assertTrue(missing.contentId().startsWith("absent-"), "a named file the export lacks is absent");
        assertEquals("audio/ogg", missing.mime());
        assertEquals(5120, missing.size());
        assertEquals("audio_1@01-02-2024_10-10-00.ogg", missing.name());

        assertEquals(1706803200000L, ms.get("11").sentAt(), "a date without date_unixtime is read in the import's zone");
        assertEquals(1706778060000L, ms.get("2").sentAt(), "date_unixtime wins over the zone-less date");

        assertEquals(MessageType.POLL, ms.get("12").type());
        assertEquals("Which day?\n• Saturday\n• Sunday", ms.get("12").text());
        assertEquals(MessageType.LOCATION, ms.get("13").type());
        assertEquals("47.421, 10.985", ms.get("13").text());
    }

    @Test void importsAFullDataExportWithMigratedGroupChannelAndLeftChats() {
        ImportReport report = imports.run(fixture("full/result.json"), ImportFormat.TELEGRAM, NEW_YORK);
        assertEquals(3, report.conversations());
        assertEquals(5, report.messagesRead());
        assertEquals(List.of("telegram--1001234", "telegram--1005555", "telegram-777"),
                store.conversations().stream().map(Conversation::id).sorted().toList());

        Conversation migrated = store.conversation("telegram--1001234").orElseThrow();
        assertEquals(ConversationKind.GROUP, migrated.kind());
        assertEquals(List.of("Dora", "Alice Example"), migrated.participants());
        Map<String, Message> ms = messages("telegram--1001234");
        assertEquals("Dora converted the group “Old Friends” into a supergroup", ms.get("-999990").text());
        assertEquals("@alice_example look: #holiday", ms.get("1").text());
        Message video = ms.get("2");
        assertEquals(MessageType.VIDEO, video.type());
        Attachment a = video.attachments().getFirst();
        assertEquals("beach.mp4", a.name());
        assertEquals("video/mp4", a.mime());
        assertEquals(7340032, a.size());
        assertTrue(a.contentId().startsWith("absent-"));
        assertNull(a.thumbnailId());

        Conversation channel = store.conversation("telegram-777").orElseThrow();
        assertEquals(ConversationKind.CHANNEL, channel.kind());
        assertEquals("Town News", channel.title());
        assertEquals("Rent is due", messages("telegram--1005555").get("7").text());
    }

    @Test void importingTheSameExportTwiceAddsNothing() {
        ImportReport first = imports.run(fixture("single"), ImportFormat.TELEGRAM, NEW_YORK);
        ImportReport second = imports.run(fixture("single"), ImportFormat.TELEGRAM, NEW_YORK);
        assertEquals(13, first.messagesAdded());
        assertEquals(13, second.messagesRead());
        assertEquals(0, second.messagesAdded());
        assertEquals(13, store.messageCount());
        Map<String, Message> again = messages("telegram-4321");
        assertEquals(first.messagesRead(), again.size());
    }

    @Test void readsStickersWithThumbnailsContactsEntityOnlyTextAndLocalEditTimes() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ChatExport_2024-03-01"));
        Files.createDirectories(folder.resolve("stickers"));
        Files.writeString(folder.resolve("stickers/sticker.webp"), "sticker bytes");
        Files.writeString(folder.resolve("stickers/sticker.webp_thumb.jpg"), "thumbnail bytes");
        Files.writeString(folder.resolve("result.json"), """
                {"type": "saved_messages", "id": 900, "messages": [
                  {"id": 1, "type": "message", "date": "2024-03-01T08:00:00", "edited": "2024-03-01T09:30:00",
                   "from": "Alice", "text_entities": [{"type": "plain", "text": "only "}, {"type": "italic", "text": "entities"}]},
                  {"id": 2, "type": "message", "date_unixtime": "1709280000", "from": "Alice",
                   "file": "stickers/sticker.webp", "thumbnail": "stickers/sticker.webp_thumb.jpg",
                   "media_type": "sticker", "sticker_emoji": "\ud83d\ude00", "mime_type": "image/webp", "text": ""},
                  {"id": 3, "type": "message", "date_unixtime": "1709280060", "from": "Alice",
                   "contact_information": {"first_name": "Bob", "last_name": "", "phone_number": "+49 000 1111111"},
                   "contact_vcard": "(File not included. Change data exporting settings to download.)", "text": ""}]}
                """);
        imports.run(folder, null, NEW_YORK);

        Conversation saved = store.conversation("telegram-900").orElseThrow();
        assertEquals(ConversationKind.DIRECT, saved.kind());
        assertEquals("Saved Messages", saved.title());
        Map<String, Message> ms = messages("telegram-900");
        assertEquals("only entities", ms.get("1").text());
        assertEquals(1709298000000L, ms.get("1").sentAt(), "a local time is read in the import's zone");
        assertEquals(1709303400000L, ms.get("1").editedAt(), "so is a local edit time");

        Message sticker = ms.get("2");
        assertEquals(MessageType.STICKER, sticker.type());
        assertEquals("\ud83d\ude00", sticker.text());
        Attachment a = sticker.attachments().getFirst();
        assertEquals("sticker.webp", a.name());
        assertEquals("image/webp", a.mime());
        assertTrue(store.media().has(a.contentId()));
        assertTrue(a.thumbnailId() != null && store.media().has(a.thumbnailId()), "the thumbnail is kept with the sticker");

        Message contact = ms.get("3");
        assertEquals(MessageType.CONTACT, contact.type());
        assertEquals("Bob, +49 000 1111111", contact.text());
        assertTrue(contact.attachments().getFirst().contentId().startsWith("absent-"));
    }

    private static byte[] noise() {
        byte[] b = new byte[3000];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 131 + 7);
        return b;
    }
}
