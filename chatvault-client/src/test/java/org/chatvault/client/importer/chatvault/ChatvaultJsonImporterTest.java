package org.chatvault.client.importer.chatvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.client.exporter.json.JsonExportSchema;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written Chatvault JSON export (fields in another order than the exporter writes them,
 * optional ones left out, an unknown field, a file named but not copied along), and the ways a
 * broken one is refused: at its JSON path, saying what was expected, with nothing imported.
 */
class ChatvaultJsonImporterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ImportOptions OPTIONS = new ImportOptions(ZoneId.of("Europe/Berlin"));
    private static final String PHOTO = "5f1e0c3a9b7d2e4f6a8c0b1d3e5f7a9c2b4d6e8f0a1c3e5b7d9f1a3c5e7b9d0f";
    private static final String THUMB = "0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223242526272829";
    private static final String PLAN = "9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e";

    @TempDir Path dir;
    private Path export;
    private Path json;
    private final ChatvaultJsonImporter importer = new ChatvaultJsonImporter();

    @BeforeEach
    void copyFixture() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/import/chatvault-json/small").toURI());
        export = dir.resolve("export");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path f : files.toList()) {
                Path target = export.resolve(fixture.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        json = export.resolve(JsonExportSchema.FILE_NAME);
    }

    @Test
    void readsEveryFieldOfAHandWrittenExport() throws IOException {
        try (LocalStore store = store()) {
            ImportReport r = new ImportService(store, CLOCK).run(export, null, OPTIONS);
            assertThat(r.format()).isEqualTo(ImportFormat.CHATVAULT_JSON);
            assertThat(r.conversations()).isEqualTo(2);
            assertThat(r.messagesRead()).isEqualTo(3);
            assertThat(r.files()).as("the photo and its thumbnail; plan.pdf was not copied along").isEqualTo(2);

            assertThat(store.conversation("qq-80001")).contains(new Conversation("qq-80001", ConversationKind.GROUP, "爬山群",
                    List.of("小明(10001)", "Anna<anna@example.org>", "me")));
            assertThat(store.conversation("telegram-4321")).contains(new Conversation("telegram-4321", ConversationKind.DIRECT, "Bob",
                    List.of("Bob", "me")));
            List<Message> messages = new ArrayList<>();
            store.forEachMessage("qq-80001", Long.MIN_VALUE, messages::add);
            assertThat(messages).containsExactly(
                    Message.text("qq-80001", "q1", 1_735_660_800_000L, "小明(10001)", "周末去爬山吗？\n第二行"),
                    new Message("qq-80001", "q2", 1_735_660_860_000L, "Anna<anna@example.org>", MessageType.IMAGE, null,
                            List.of(new Attachment(PHOTO, "山.jpg", "image/jpeg", 18, THUMB)), "q1", null, null, false),
                    new Message("qq-80001", "q3", 1_735_660_920_000L, "me", MessageType.FILE, "the plan",
                            List.of(new Attachment(PLAN, "plan.pdf", "application/pdf", 5000, null)), null, "Li Lei", 1_735_661_000_000L, true));
            assertThat(store.media().path(PHOTO)).hasSameBinaryContentAs(export.resolve("media/山_5f1e0c3a9b7d2e4f.jpg"));
            assertThat(store.media().path(THUMB)).hasSameBinaryContentAs(export.resolve("media/thumb_山_0a0b0c0d0e0f1011.jpg"));
            assertThat(store.media().has(PLAN)).as("named in the export, but its file is not there").isFalse();
            assertThat(store.imports()).singleElement().satisfies(i -> assertThat(i.format()).isEqualTo("chatvault-json"));
        }
    }

    @Test
    void recognizesTheExportDirectoryAndItsFileOnly() throws IOException {
        assertThat(importer.recognizes(export)).isTrue();
        assertThat(importer.recognizes(json)).isTrue();
        Path telegram = Files.writeString(dir.resolve("result.json"), "{\n \"name\": \"Bob\",\n \"type\": \"personal_chat\",\n \"id\": 4321,\n \"messages\": []\n}");
        assertThat(importer.recognizes(telegram)).isFalse();
        assertThat(importer.recognizes(Files.writeString(dir.resolve("chat.txt"), "31/12/2024, 23:59 - Bob: hi"))).isFalse();
        assertThat(importer.recognizes(Files.createDirectories(dir.resolve("empty")))).isFalse();
        assertThat(importer.recognizes(dir.resolve("missing.json"))).isFalse();
        assertThat(importer.recognizes(Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}))).isFalse();
    }

    @Test
    void aTruncatedExportIsRefusedAndLeavesNothingBehind() throws IOException {
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.indexOf("\"id\": \"q3\"")));
        refused(export, "chatvault-export.json, $.conversations[0].messages[2]", "line 32: the file ends early (is it truncated?): Unexpected end-of-input: expected close marker for Object (opened on line 31)");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedAtItsPath() throws IOException {
        replace("\"sentAt\": 1735660860000", "\"sentAt\": \"yesterday\"");
        refused(json, "$.conversations[0].messages[1].sentAt, line 23: expected a whole number, found 'yesterday'");
    }

    @Test
    void aNewerSchemaVersionIsRefused() throws IOException {
        replace("\"version\": 1,", "\"version\": 2,");
        refused(export, "$.version, line 3: this export has schema version 2, newer than this Chatvault reads (1): update Chatvault to import it");
    }

    @Test
    void aMissingRequiredFieldIsRefusedAtItsMessage() throws IOException {
        replace("\"sender\": \"me\", ", "");
        refused(export, "$.conversations[0].messages[2], line 31: expected the message's \"sender\"");
    }

    @Test
    void anUnknownMessageTypeIsRefusedNamingTheTypesThereAre() throws IOException {
        replace("\"type\": \"FILE\"", "\"type\": \"file\"");
        refused(export, "$.conversations[0].messages[2].type", "expected one of TEXT, IMAGE, VOICE, VIDEO, FILE, STICKER, LINK, LOCATION, SYSTEM, CONTACT, POLL, found 'file'");
    }

    @Test
    void aFilePathLeadingOutOfTheExportIsRefused() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "not for the vault");
        replace("media/plan_9e9e9e9e9e9e9e9e.pdf", "../secret.txt");
        refused(export, "$.conversations[0].messages[2].attachments[0].file", "expected a file path inside the export directory, found '../secret.txt', which leads out of it");
        replace("../secret.txt", dir.resolve("secret.txt").toString());
        refused(export, "$.conversations[0].messages[2].attachments[0].file", "expected a file path relative to the export directory");
    }

    @Test
    void anotherFormatsJsonIsRefusedAsNotAChatvaultExport() throws IOException {
        Path telegram = Files.writeString(dir.resolve("result.json"), "{\"name\": \"Bob\", \"type\": \"personal_chat\", \"id\": 4321, \"messages\": [{\"id\": 1}]}");
        refused(telegram, "result.json, $, line 1: expected a Chatvault JSON export, with \"format\": \"chatvault-export\" in its top-level object; found none");
        Path wrongFormat = Files.writeString(dir.resolve("other.json"), "{\"format\": \"something-else\", \"version\": 1, \"conversations\": []}");
        refused(wrongFormat, "$.format, line 1: expected \"chatvault-export\", found 'something-else'");
    }

    @Test
    void binaryOrEmptyInputIsRefusedWithoutAStackTrace() throws IOException {
        byte[] noise = new byte[512];
        new java.util.SplittableRandom(5).nextBytes(noise);
        noise[0] = (byte) 0xC3; // not a valid start of JSON, whatever the random bytes
        Path binary = Files.write(dir.resolve("binary.bin"), noise);
        refused(binary, "cannot import " + binary);
        refused(Files.writeString(dir.resolve("empty.json"), ""), "empty.json: the file is empty");
        refused(Files.writeString(dir.resolve("array.json"), "[1, 2]"), "array.json, $, line 1: expected an object {\"format\": \"chatvault-export\", …}, found an array");
        Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"format\": \"chatvault-export\", \"version\": 1, \"conversations\": []} {}");
        refused(trailing, "expected the end of the file after the top-level object, found an object");
    }

    private void replace(String from, String to) throws IOException {
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(json, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The import of {@code path} fails with a message holding every part, and the store is as empty as before. */
    private void refused(Path path, String... messageParts) throws IOException {
        Path db = dir.resolve("store-" + System.nanoTime() + "/local.db");
        try (LocalStore store = LocalStore.open(db)) {
            assertThatThrownBy(() -> new ImportService(store, CLOCK).run(path, ImportFormat.CHATVAULT_JSON, OPTIONS))
                    .isInstanceOf(ImportException.class)
                    .satisfies(e -> {
                        for (String part : messageParts) assertThat(e.getMessage()).contains(part);
                    });
            assertThat(store.conversations()).isEmpty();
            assertThat(store.messageCount()).isZero();
            assertThat(store.imports()).isEmpty();
            if (Files.exists(store.media().root())) try (Stream<Path> files = Files.walk(store.media().root())) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("files copied in are taken back").isEmpty();
            }
        }
    }

    private LocalStore store() { return LocalStore.open(dir.resolve("store/local.db")); }
}
