package org.chatvault.client.importer.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused with the file, the JSON path and what was expected, and leaves nothing behind. */
class TelegramImportErrorsTest {
    private static final ImportOptions UTC = new ImportOptions(ZoneOffset.UTC);

    @TempDir Path dir;
    private LocalStore store;
    private ImportService imports;

    @BeforeEach void open() {
        store = LocalStore.open(dir.resolve("local.db"));
        imports = new ImportService(store, Clock.systemUTC());
    }

    @AfterEach void close() { store.close(); }

    private String refused(Path source, ImportFormat format) {
        ImportException e = assertThrows(ImportException.class, () -> imports.run(source, format, UTC));
        assertTrue(store.conversations().isEmpty(), "no conversation stays behind: " + store.conversations());
        assertEquals(0, store.messageCount(), "no message stays behind");
        assertTrue(store.imports().isEmpty(), "a failed import is not recorded");
        return e.getMessage();
    }

    private Path export(String name, String json) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        return Files.writeString(folder.resolve("result.json"), json, StandardCharsets.UTF_8);
    }

    @Test void truncatedJsonNamesTheFileAndThePlace() throws IOException {
        String whole = Files.readString(TelegramImporterTest.fixture("single/result.json"), StandardCharsets.UTF_8);
        Path cut = export("cut", whole.substring(0, whole.indexOf("\"id\": 7,")));
        String message = refused(cut, ImportFormat.TELEGRAM);
        assertTrue(message.contains(cut.toString()), message);
        assertTrue(message.contains("$.messages[6]"), message);
        assertTrue(message.contains("truncated"), message);
    }

    @Test void binaryInputIsRefused() throws IOException {
        byte[] noise = new byte[5000];
        for (int i = 0; i < noise.length; i++) noise[i] = (byte) (i * 37 + 11);
        Path binary = Files.write(dir.resolve("export.json"), noise);
        String forced = refused(binary, ImportFormat.TELEGRAM);
        assertTrue(forced.startsWith("cannot import " + binary), forced);
        assertTrue(forced.contains("not JSON (is it a binary file?)"), forced);
        String detected = refused(binary, null);
        assertTrue(detected.contains("not an export Chatvault recognizes"), detected);
    }

    @Test void otherJsonIsNotATelegramExport() {
        Path other = TelegramImporterTest.fixture("wrong-format.json");
        String message = refused(other, ImportFormat.TELEGRAM);
        assertTrue(message.contains("wrong-format.json"), message);
        assertTrue(message.contains("expected a Telegram export"), message);
    }

    @Test void aWrongDateNamesItsJsonPath() throws IOException {
        Path bad = export("bad-date", """
                {"personal_information": {"user_id": 1},
                 "chats": {"about": "", "list": [
                  {"name": "A", "type": "personal_chat", "id": 5, "messages": [
                    {"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "from": "A", "text": "hi"},
                    {"id": 2, "type": "message", "date": "yesterday", "from": "A", "text": "ho"}]}]}}
                """);
        String message = refused(bad, ImportFormat.TELEGRAM);
        assertTrue(message.contains("$.chats.list[0].messages[1].date"), message);
        assertTrue(message.contains("expected a date like 2024-01-31T12:34:56, found 'yesterday'"), message);
    }

    @Test void wrongJsonTypesNameTheirPath() throws IOException {
        String notArray = refused(export("no-array", "{\"name\": \"A\", \"type\": \"personal_chat\", \"id\": 5, \"messages\": \"none\"}"),
                ImportFormat.TELEGRAM);
        assertTrue(notArray.contains("$.messages: expected an array of messages, found the string 'none'"), notArray);

        String badText = refused(export("bad-text", """
                {"name": "A", "type": "personal_chat", "id": 5, "messages": [
                  {"id": 1, "type": "message", "date_unixtime": "1700000000", "from": "A", "text": ["ok", 12]}]}
                """), ImportFormat.TELEGRAM);
        assertTrue(badText.contains("$.messages[0].text[1]: expected a string or a text entity object, found the number 12"), badText);

        String noId = refused(export("no-id", """
                {"name": "A", "type": "personal_chat", "id": 5, "messages": [
                  {"type": "message", "date_unixtime": "1700000000", "from": "A", "text": "x"}]}
                """), ImportFormat.TELEGRAM);
        assertTrue(noId.contains("$.messages[0].id: expected the message's id"), noId);
    }

    @Test void aPathLeadingOutOfTheExportIsRefusedAndFilesAlreadyCopiedAreTakenBack() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("escape"));
        Files.createDirectories(folder.resolve("photos"));
        byte[] photo = "a photo that is inside the export".getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("photos/p1.jpg"), photo);
        Files.writeString(dir.resolve("secret.jpg"), "outside the export");
        Path json = Files.writeString(folder.resolve("result.json"), """
                {"name": "A", "type": "personal_chat", "id": 5, "messages": [
                  {"id": 1, "type": "message", "date_unixtime": "1700000000", "from": "A", "photo": "photos/p1.jpg", "text": ""},
                  {"id": 2, "type": "message", "date_unixtime": "1700000001", "from": "A", "photo": "../secret.jpg", "text": ""}]}
                """);
        String message = refused(json, ImportFormat.TELEGRAM);
        assertTrue(message.contains("$.messages[1].photo"), message);
        assertTrue(message.contains("'../secret.jpg'") && message.contains("outside"), message);
        assertFalse(store.media().has(sha256(photo)), "the photo copied before the failure is taken back");
    }

    @Test void emptyAndTrailingContentAreRefused() throws IOException {
        String empty = refused(export("empty", "  \n"), ImportFormat.TELEGRAM);
        assertTrue(empty.contains("the file is empty"), empty);
        String trailing = refused(export("trailing", "{\"name\": \"A\", \"id\": 5, \"messages\": []} {\"x\": 1}"), ImportFormat.TELEGRAM);
        assertTrue(trailing.contains("after the top-level object"), trailing);
        assertTrue(trailing.contains("expected the end of the file"), trailing);
    }

    @Test void aFolderWithoutResultJsonIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String message = refused(empty, ImportFormat.TELEGRAM);
        assertTrue(message.contains("result.json"), message);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
