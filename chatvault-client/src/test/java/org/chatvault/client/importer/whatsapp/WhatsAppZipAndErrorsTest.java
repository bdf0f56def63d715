package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.client.importer.whatsapp.WhatsAppImporterTest.fixture;
import static org.chatvault.client.importer.whatsapp.WhatsAppImporterTest.idOf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WhatsApp's zip with media, and input that is refused with a clear message and nothing imported. */
class WhatsAppZipAndErrorsTest {
    private static final byte[] PHOTO = "not really a jpeg, but bytes the test knows".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VOICE = "an opus voice note's bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir Path dir;
    LocalStore store;

    @BeforeEach void open() { store = LocalStore.open(dir.resolve("local.db")); }

    @AfterEach void close() { store.close(); }

    ImportReport importIt(Path file) {
        return new ImportService(store, Clock.systemUTC()).run(file, null, new ImportOptions(ZoneOffset.UTC));
    }

    Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    Path iosZip() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("_chat.txt", Files.readAllBytes(fixture("ios-zip/_chat.txt")));
        entries.put("00000012-PHOTO-2024-12-31-23-59-20.jpg", PHOTO);
        entries.put("00000013-AUDIO-2024-12-31-23-59-30.opus", VOICE);
        // 00000014-Notes.pdf and 00000015-PHOTO-… are missing from the zip: they become absent attachments
        return zip("WhatsApp Chat - Lena.zip", entries);
    }

    static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    List<Message> messages(String conversationId) {
        List<Message> out = new ArrayList<>();
        store.forEachMessage(conversationId, Long.MIN_VALUE, out::add);
        return out;
    }

    @Test
    void iosZipTakesTheFilesFromItsEntries() throws Exception {
        Path zip = iosZip();
        ImportReport report = importIt(zip);
        assertThat(report.format()).isEqualTo(ImportFormat.WHATSAPP);
        assertThat(report.files()).isEqualTo(2);
        assertThat(report.absentFiles()).isEqualTo(2);
        List<Message> ms = messages(idOf("Lena"));
        assertThat(ms).hasSize(6);
        Message photo = ms.get(2);
        assertThat(photo.type()).isEqualTo(MessageType.IMAGE);
        Attachment a = photo.attachments().getFirst();
        assertThat(a).extracting(Attachment::contentId, Attachment::name, Attachment::mime, Attachment::size)
                .containsExactly(sha256(PHOTO), "00000012-PHOTO-2024-12-31-23-59-20.jpg", "image/jpeg", (long) PHOTO.length);
        assertThat(store.media().has(sha256(PHOTO))).isTrue();
        assertThat(ms.get(3).type()).isEqualTo(MessageType.VOICE);
        assertThat(ms.get(3).attachments().getFirst().contentId()).isEqualTo(sha256(VOICE));
        Message pdf = ms.get(4);
        assertThat(pdf).extracting(Message::type, Message::text).containsExactly(MessageType.FILE, "Notes.pdf • 2 pages");
        assertThat(pdf.attachments().getFirst().contentId()).startsWith("absent-");
        assertThat(importIt(zip).messagesAdded()).isZero();
    }

    @Test
    void androidZipNamesTheChatInItsEntryAndAgreesWithItsTxt() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WhatsApp Chat with Mum.txt", Files.readAllBytes(fixture("android-en-us/WhatsApp Chat with Mum.txt")));
        entries.put("IMG-20240105-WA0003.jpg", PHOTO);
        Path zip = zip("download (3).zip", entries);
        importIt(zip);
        List<Message> ms = messages(idOf("Mum"));
        assertThat(ms).hasSize(11);
        Message cake = ms.stream().filter(m -> "The cake!".equals(m.text())).findFirst().orElseThrow();
        assertThat(cake.attachments().getFirst().contentId()).isEqualTo(sha256(PHOTO));
        // the .txt of the same chat gives the same messages: nothing new
        assertThat(importIt(fixture("android-en-us/WhatsApp Chat with Mum.txt")).messagesAdded()).isZero();
    }

    @Test
    void aTxtTakesFilesFromBesideItButNeverFromElsewhere() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("unpacked"));
        Path chat = folder.resolve("WhatsApp Chat with Kim.txt");
        Files.writeString(chat, "01/02/2024, 10:00 - Kim: IMG-1.jpg (file attached)\n01/02/2024, 10:01 - Kim: ../secret.jpg (file attached)\n");
        Files.write(folder.resolve("IMG-1.jpg"), PHOTO);
        Files.write(dir.resolve("secret.jpg"), VOICE);
        importIt(chat);
        List<Message> ms = messages(idOf("Kim"));
        assertThat(ms.get(0).attachments().getFirst().contentId()).isEqualTo(sha256(PHOTO));
        // a name with a path in it is not a marker WhatsApp writes: the line stays text, no file is read
        assertThat(ms.get(1).attachments()).isEmpty();
        assertThat(store.media().has(sha256(VOICE))).isFalse();
    }

    @Test
    void zipEntriesAreReadAsStreamsWhateverTheirNames() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("WhatsApp Chat with Kim.txt", "01/02/2024, 10:00 - Kim: IMG-1.jpg (file attached)\n".getBytes(StandardCharsets.UTF_8));
        entries.put("../../escaped/IMG-1.jpg", PHOTO);
        Path zip = zip("WhatsApp Chat with Kim.zip", entries);
        importIt(zip);
        assertThat(messages(idOf("Kim")).getFirst().attachments().getFirst().contentId()).isEqualTo(sha256(PHOTO));
        assertThat(dir.getParent().getParent().resolve("escaped")).doesNotExist();
        assertThat(dir.getParent().resolve("escaped")).doesNotExist();
    }

    @Test
    void aLineInAnotherFormThanTheFilesIsTextInsideAMessage() throws Exception {
        Path chat = dir.resolve("WhatsApp Chat with Kim.txt");
        Files.writeString(chat, """
                [01/02/2024, 10:00:00] Kim: the notes of the meeting:
                31/01/2024, 09:00 - Agenda: budget
                [01/02/2024, 10:01:00] Kim: ok
                """);
        importIt(chat);
        List<Message> ms = messages(idOf("Kim"));
        assertThat(ms).extracting(Message::text)
                .containsExactly("the notes of the meeting:\n31/01/2024, 09:00 - Agenda: budget", "ok");
        assertThat(store.conversation(idOf("Kim")).orElseThrow().participants()).containsExactly("Kim");
    }

    private void assertRefused(Path file, String... parts) {
        assertThatThrownBy(() -> new ImportService(store, Clock.systemUTC()).run(file, ImportFormat.WHATSAPP,
                new ImportOptions(ZoneOffset.UTC)))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("cannot import " + file)
                .hasMessageContainingAll(parts);
        assertThat(store.messageCount()).isZero();
        assertThat(store.conversations()).isEmpty();
        assertThat(store.imports()).isEmpty();
    }

    @Test
    void binaryEmptyAndForeignFilesAreRefusedNamingTheLine() throws Exception {
        Path binary = dir.resolve("photo.txt");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0});
        assertRefused(binary, "line 1", "expected UTF-8 text");

        Path nul = dir.resolve("nul.txt");
        Files.write(nul, new byte[] {'1', '2', 0, 0, '\n'});
        assertRefused(nul, "line 1", "binary data");

        Path empty = dir.resolve("WhatsApp Chat with Nobody.txt");
        Files.writeString(empty, "");
        assertRefused(empty, "no messages in it", "expected a line starting with a date");

        Path oneLine = dir.resolve("export.json");
        Files.writeString(oneLine, "[" + "{\"a\":1},".repeat(300_000) + "{}]");
        assertRefused(oneLine, "line 1", "longer than 1048576 characters");

        Path endless = dir.resolve("WhatsApp Chat with Endless.txt");
        Files.writeString(endless, "01/02/2024, 10:00 - Kim: start\n" + "more text on a line of its own\n".repeat(40_000));
        assertRefused(endless, "line 33826", "expected a message of at most 1048576 characters", "from line 1 longer");

        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "\nShopping list\n01/02/2024, 10:00 - Kim: hi\n");
        assertRefused(notes, "line 2", "expected a line starting with a date and time like '31/12/2024, 23:59 - '", "found 'Shopping list'");
    }

    @Test
    void aBadMessageAfterGoodOnesLeavesNothingBehind() throws Exception {
        Path chat = dir.resolve("WhatsApp Chat with Kim.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 25_000; i++) text.append("01/02/2024, 10:00 - Kim: message ").append(i).append('\n');
        text.append("31/02/2024, 10:00 - Kim: a day that does not exist\n");
        Files.writeString(chat, text);
        Files.write(dir.resolve("IMG-1.jpg"), PHOTO);
        assertRefused(chat, "line 25001", "expected a date and time that exist, found '31/02/2024, 10:00'");
    }

    @Test
    void aLongSystemLineDoesNotSlowTheGroupSearch() throws Exception {
        Path chat = dir.resolve("WhatsApp Chat with Kim.txt");
        Files.writeString(chat, "01/02/2024, 10:00 - " + "hat ".repeat(200_000) + "\n01/02/2024, 10:01 - Kim: hi\n");
        long start = System.nanoTime();
        importIt(chat);
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(10_000);
        assertThat(messages(idOf("Kim"))).hasSize(2);
    }

    @Test
    void aFileMixingDateOrdersIsRefused() throws Exception {
        Path chat = dir.resolve("WhatsApp Chat with Kim.txt");
        Files.writeString(chat, "13/01/2024, 10:00 - Kim: a\n01/13/2024, 10:00 - Kim: b\n");
        assertRefused(chat, "line 2", "mix day-first", "month-first");
    }

    @Test
    void zipsWithoutAChatOrNotZipsAtAllAreRefused() throws Exception {
        Path noChat = zip("WhatsApp Chat - Empty.zip", Map.of("IMG-1.jpg", PHOTO, "notes/a.txt", "x".getBytes(), "b.txt", "y".getBytes()));
        assertRefused(noChat, "no chat text in this zip", "_chat.txt");

        Path fake = dir.resolve("WhatsApp Chat - Fake.zip");
        Files.writeString(fake, "01/02/2024, 10:00 - Kim: not a zip\n");
        assertRefused(fake, "expected a zip archive");

        byte[] whole = Files.readAllBytes(iosZip());
        Path cut = dir.resolve("WhatsApp Chat - Cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRefused(cut, "expected a zip archive (WhatsApp's chat with media), found a damaged or different file");

        Path badLine = zip("WhatsApp Chat - Bad.zip", Map.of("_chat.txt", "hello\n".getBytes()));
        assertRefused(badLine, "entry '_chat.txt', line 1", "found 'hello'");
    }

    @Test
    void detectionIsStrictAboutOtherFormats() throws Exception {
        WhatsAppImporter importer = new WhatsAppImporter();
        assertThat(importer.recognizes(fixture("ios-zip/_chat.txt"))).isTrue();
        assertThat(importer.recognizes(iosZip())).isTrue();
        Path qq = dir.resolve("qq.txt");
        Files.writeString(qq, "消息记录（此消息记录为文本格式，不支持重新导入）\n\n================================================================\n");
        Path csv = dir.resolve("wechat.csv");
        Files.writeString(csv, "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n");
        Path json = dir.resolve("result.json");
        Files.writeString(json, "{\"name\": \"Mum\", \"messages\": []}");
        Path png = dir.resolve("x.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        for (Path p : Stream.of(qq, csv, json, png, dir).toList()) assertThat(importer.recognizes(p)).as(p.toString()).isFalse();
        Path brokenZip = dir.resolve("broken.zip");
        try (OutputStream out = Files.newOutputStream(brokenZip)) { out.write(new byte[] {'P', 'K', 3, 4, 1, 2}); }
        assertThat(importer.recognizes(brokenZip)).isFalse();
    }
}
