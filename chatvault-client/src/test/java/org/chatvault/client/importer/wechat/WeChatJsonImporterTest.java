package org.chatvault.client.importer.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.client.importer.wechat.WeChatFixtures.importInto;
import static org.chatvault.client.importer.wechat.WeChatFixtures.messages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.Importers;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatJsonImporterTest {
    private static final String PRIVATE = "wechat-wxid_lisi";
    private static final String GROUP = "wechat-20240101888@chatroom";

    @TempDir Path dir;
    private WeChatFixtures fixtures;

    @BeforeEach void copyFixtures() { fixtures = new WeChatFixtures(dir); }

    @Test
    void readsMessagesWithMediaTheExportHoldsAndLacks() throws IOException {
        // a file where "../outside.jpg" leads: it exists, and must still not be taken in
        Files.writeString(dir.resolve("outside.jpg"), "a file the export has no business reading");
        try (LocalStore store = fixtures.store("a")) {
            ImportReport report = importInto(store, fixtures.file("messages.json"), null);
            assertThat(report.format()).isEqualTo(ImportFormat.WECHAT_JSON);
            assertThat(report.conversations()).isEqualTo(2);
            assertThat(report.messagesRead()).isEqualTo(9);
            assertThat(report.files()).isEqualTo(2);
            assertThat(report.absentFiles()).isEqualTo(3);
            assertThat(store.conversation(PRIVATE).orElseThrow().kind()).isEqualTo(ConversationKind.DIRECT);
            assertThat(store.conversation(GROUP).orElseThrow().kind()).isEqualTo(ConversationKind.GROUP);

            List<Message> chat = messages(store, PRIVATE);
            // a 64-bit MsgSvrID keeps every digit, as a string or a number; "0" is no id: the local one is used
            assertThat(chat).extracting(Message::id).containsExactly("8123456789012345678", "8123456789012345679",
                    "8123456789012345680", "local-4", "8123456789012345690");
            assertThat(chat.get(0).sentAt()).isEqualTo(LocalDateTime.of(2024, 2, 3, 8, 30).atZone(WeChatFixtures.SHANGHAI).toInstant().toEpochMilli());
            assertThat(chat.get(0).sender()).isEqualTo("wxid_lisi");
            assertThat(chat.get(1).sentAt()).isEqualTo(1706920260_000L);
            assertThat(chat.get(1).sender()).isEqualTo("me");
            Attachment photo = chat.get(1).attachments().getFirst();
            assertThat(photo.name()).isEqualTo("mountain.jpg");
            assertThat(photo.mime()).isEqualTo("image/jpeg");
            assertThat(photo.size()).isEqualTo(Files.size(fixtures.file("media/mountain.jpg")));
            assertThat(store.media().has(photo.contentId())).isTrue();
            assertThat(chat.get(2).type()).isEqualTo(MessageType.VOICE);
            assertThat(chat.get(2).attachments().getFirst().contentId()).startsWith("absent-");
            assertThat(chat.get(2).attachments().getFirst().name()).isEqualTo("voice-missing.silk");
            assertThat(chat.get(3).type()).isEqualTo(MessageType.VIDEO);
            assertThat(chat.get(3).attachments().getFirst().contentId()).startsWith("absent-");
            assertThat(chat.get(4).text()).isEqualTo("好啊，几点？");
            assertThat(chat.get(4).replyTo()).isEqualTo(chat.get(0).id());

            List<Message> group = messages(store, GROUP);
            assertThat(group).extracting(Message::sender).containsExactly("wxid_wang", "wxid_zhao", "system", "wxid_zhao");
            Attachment route = group.get(1).attachments().getFirst();
            assertThat(route.name()).isEqualTo("路线.txt");
            assertThat(store.media().has(route.contentId())).isTrue();
            assertThat(group.get(2).type()).isEqualTo(MessageType.SYSTEM);
            // "../outside.jpg" leaves the export's folder: not followed, kept as absent
            assertThat(group.get(3).attachments().getFirst().contentId()).startsWith("absent-");
        }
    }

    @Test
    void theSameColumnsInACsvGiveTheSameMessages() {
        try (LocalStore json = fixtures.store("json"); LocalStore csv = fixtures.store("csv")) {
            importInto(json, fixtures.file("messages.json"), ImportFormat.WECHAT_JSON);
            ImportReport report = importInto(csv, fixtures.file("messages-columns.csv"), null);
            assertThat(report.format()).isEqualTo(ImportFormat.WECHAT_JSON);
            for (String id : List.of(PRIVATE, GROUP)) assertThat(messages(csv, id)).isEqualTo(messages(json, id)).isNotEmpty();
        }
    }

    @Test
    void importingTwiceAddsNothing() {
        try (LocalStore store = fixtures.store("a")) {
            importInto(store, fixtures.file("messages.json"), null);
            ImportReport again = importInto(store, fixtures.file("messages.json"), null);
            assertThat(again.messagesRead()).isEqualTo(9);
            assertThat(again.messagesAdded()).isZero();
            assertThat(store.messageCount()).isEqualTo(9);
        }
    }

    @Test
    void recognizesItsJsonAndCsv() throws IOException {
        WeChatJsonImporter json = new WeChatJsonImporter();
        assertThat(json.recognizes(fixtures.file("messages.json"))).isTrue();
        assertThat(json.recognizes(fixtures.file("messages-columns.csv"))).isTrue();
        assertThat(json.recognizes(fixtures.file("group.csv"))).isFalse();
        Path other = dir.resolve("result.json");
        Files.writeString(other, "{\"name\": \"Telegram chat\", \"messages\": []}");
        assertThat(json.recognizes(other)).isFalse();
        assertThat(Importers.detect(fixtures.file("messages.json")).format()).isEqualTo(ImportFormat.WECHAT_JSON);
    }

    @Test
    void refusesCutWrongAndBinaryInputNamingTheFileAndPlace() throws IOException {
        String good = Files.readString(fixtures.file("messages.json"));
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, good.substring(0, good.indexOf("群里也说一声")));
        assertRefused(cut, "cut.json, $[5] (line ", "expected JSON");

        Path object = dir.resolve("object.json");
        Files.writeString(object, "{\"messages\": []}");
        assertRefused(object, "object.json, $:", "expected a JSON array of WeChat messages, found '{'");

        Path notObject = dir.resolve("numbers.json");
        Files.writeString(notObject, "[1, 2]");
        assertRefused(notObject, "numbers.json, $[0]:", "expected a message object, found '1'");

        Path badTime = dir.resolve("bad-time.json");
        Files.writeString(badTime, good.replace("\"2024-02-03 08:33:00\"", "\"yesterday\""));
        assertRefused(badTime, "bad-time.json, $[3].CreateTime:", "expected epoch seconds or a time like 2024-01-05 21:03:12, found 'yesterday'");

        Path noChat = dir.resolve("no-chat.json");
        Files.writeString(noChat, "[{\"id\": 1, \"type_name\": \"文本\", \"msg\": \"hi\", \"CreateTime\": 1}]");
        assertRefused(noChat, "no-chat.json, $[0].room_name:", "expected the chat's id");

        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {'[', (byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        assertRefused(binary, "binary.json, $", "expected JSON");

        Path badCsv = dir.resolve("bad.csv");
        Files.writeString(badCsv, String.join(",", WeChatJsonImporter.COLUMNS) + "\n1,9,文本,0,wxid_a,wxid_a,hi,,not a time\n");
        assertRefused(badCsv, "bad.csv, line 2, CreateTime:", "found 'not a time'");
    }

    private void assertRefused(Path file, String where, String what) {
        try (LocalStore store = fixtures.store("refused-" + file.getFileName())) {
            assertThatThrownBy(() -> importInto(store, file, ImportFormat.WECHAT_JSON)).isInstanceOf(ImportException.class)
                    .hasMessageContaining(where).hasMessageContaining(what);
            assertThat(store.messageCount()).isZero();
            assertThat(store.conversations()).isEmpty();
            assertThat(store.imports()).isEmpty();
        }
    }
}
