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
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeChatCsvImporterTest {
    @TempDir Path dir;
    private WeChatFixtures fixtures;

    @BeforeEach void copyFixtures() { fixtures = new WeChatFixtures(dir); }

    @Test
    void readsAGroupChatWithEveryTypeCode() {
        try (LocalStore store = fixtures.store("a")) {
            ImportReport report = importInto(store, fixtures.file("group.csv"), null);
            assertThat(report.format()).isEqualTo(ImportFormat.WECHAT_CSV);
            assertThat(report.messagesRead()).isEqualTo(14);
            Conversation group = store.conversation("wechat-20240101888@chatroom").orElseThrow();
            assertThat(group.kind()).isEqualTo(ConversationKind.GROUP);
            assertThat(group.participants()).contains("王五", "me", "赵六").doesNotContain("system");

            List<Message> all = messages(store, group.id());
            assertThat(all).extracting(Message::id).containsExactly("local-101", "local-102", "local-103", "local-104", "local-105",
                    "local-106", "local-107", "local-108", "local-109", "local-110", "local-111", "local-112", "local-113", "local-114");
            assertThat(all).extracting(Message::type).containsExactly(MessageType.TEXT, MessageType.TEXT, MessageType.IMAGE,
                    MessageType.LINK, MessageType.FILE, MessageType.TEXT, MessageType.TEXT, MessageType.LOCATION, MessageType.CONTACT,
                    MessageType.SYSTEM, MessageType.SYSTEM, MessageType.STICKER, MessageType.VOICE, MessageType.LINK);

            Message first = all.get(0);
            assertThat(first.sentAt()).isEqualTo(1704160500_000L);
            assertThat(first.sender()).isEqualTo("王五");
            // the sender's id is taken off the text; quotes, commas and line breaks of the quoted cell stay
            assertThat(first.text()).isEqualTo("大家好，今天的会议改到\"下午三点\"，地点：3楼, 会议室A\n请准时");
            assertThat(all.get(1).sender()).isEqualTo("me");
            assertThat(all.get(2).sender()).isEqualTo("赵六");
            assertThat(all.get(2).text()).isNull();
            assertThat(all.get(2).attachments()).singleElement().satisfies(a -> {
                assertThat(a.contentId()).startsWith("absent-");
                assertThat(a.mime()).isEqualTo("image/jpeg");
            });
            assertThat(all.get(3).text()).isEqualTo("Chatvault 发布 1.0\n端到端加密的聊天备份\nhttps://example.org/news?id=1&from=wx");
            assertThat(all.get(4).attachments()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("会议纪要.pdf");
                assertThat(a.mime()).isEqualTo("application/pdf");
                assertThat(a.size()).isEqualTo(204800);
            });
            assertThat(all.get(5).text()).isEqualTo("同意，就这么定了");
            assertThat(all.get(5).replyTo()).isEqualTo("7000000000000000001");
            assertThat(all.get(6).forwardedFrom()).isEqualTo("群聊的聊天记录");
            assertThat(all.get(6).text()).isEqualTo("群聊的聊天记录\n王五: 下午三点开会\n小李: 收到");
            assertThat(all.get(7).text()).isEqualTo("人民广场\n上海市黄浦区人民大道\n31.230416, 121.473701");
            assertThat(all.get(8).text()).isEqualTo("孙七\nsunqi_88");
            assertThat(all.get(9).text()).isEqualTo("\"王五\"邀请\"孙七\"加入了群聊");
            assertThat(all.get(9).sender()).isEqualTo("system");
            assertThat(all.get(10).text()).isEqualTo("\"赵六\" 撤回了一条消息");
            assertThat(all.get(11).sender()).isEqualTo("wxid_zhao");
            assertThat(all.get(12).attachments()).singleElement().satisfies(a -> assertThat(a.mime()).isEqualTo("audio/silk"));
            assertThat(all.get(13).text()).startsWith("小程序：日程");
        }
    }

    @Test
    void readsPrivateRowsThatStopShortOfTheHeader() {
        try (LocalStore store = fixtures.store("a")) {
            importInto(store, fixtures.file("private.csv"), ImportFormat.WECHAT_CSV);
            Conversation chat = store.conversation("wechat-wxid_lisi").orElseThrow();
            assertThat(chat.kind()).isEqualTo(ConversationKind.DIRECT);
            assertThat(chat.title()).isEqualTo("李四");
            List<Message> all = messages(store, chat.id());
            assertThat(all).extracting(Message::id).containsExactly("local-201", "local-202", "local-203", "local-204", "local-206", "local-205");
            // rows without the name cells are from the contact the earlier rows named
            assertThat(all).extracting(Message::sender).containsExactly("李四", "me", "李四", "me", "李四", "李四");
            assertThat(all.get(2).text()).isEqualTo("明天一起吃饭吗,\"老地方\"?");
            // no CreateTime: the local StrTime in the import's zone
            assertThat(all.get(5).sentAt()).isEqualTo(LocalDateTime.of(2024, 1, 5, 17, 10).atZone(WeChatFixtures.SHANGHAI).toInstant().toEpochMilli());
            assertThat(all.get(0).sentAt()).isEqualTo(1704445392_000L);
            assertThat(all.get(3).type()).isEqualTo(MessageType.IMAGE);
            assertThat(all.get(4).type()).isEqualTo(MessageType.VIDEO);
            assertThat(all.get(4).text()).isNull();
        }
    }

    @Test
    void aMsgSvrIdColumnWhereAToolAddsOneIsTheMessageId() throws IOException {
        Path file = dir.resolve("with-svrid.csv");
        Files.writeString(file, String.join(",", WeChatCsvImporter.HEADER) + ",MsgSvrID\n"
                + "1,wxid_a,1,0,0,1704445392,2,hi,,,,,8123456789012345678\n2,wxid_a,1,0,1,1704445393,2,yo,,,,,0\n");
        try (LocalStore store = fixtures.store("a")) {
            importInto(store, file, null);
            assertThat(messages(store, "wechat-wxid_a")).extracting(Message::id).containsExactly("8123456789012345678", "local-2");
        }
    }

    @Test
    void importingTwiceAddsNothingAndAnotherDeviceGetsTheSameMessages() {
        List<Message> first;
        try (LocalStore store = fixtures.store("phone")) {
            assertThat(importInto(store, fixtures.file("group.csv"), null).messagesAdded()).isEqualTo(14);
            ImportReport again = importInto(store, fixtures.file("group.csv"), null);
            assertThat(again.messagesRead()).isEqualTo(14);
            assertThat(again.messagesAdded()).isZero();
            assertThat(store.messageCount()).isEqualTo(14);
            first = messages(store, "wechat-20240101888@chatroom");
        }
        try (LocalStore laptop = fixtures.store("laptop")) {
            importInto(laptop, fixtures.file("group.csv"), null);
            assertThat(messages(laptop, "wechat-20240101888@chatroom")).isEqualTo(first);
        }
    }

    @Test
    void recognizesItsHeaderOnly() throws IOException {
        WeChatCsvImporter csv = new WeChatCsvImporter();
        assertThat(csv.recognizes(fixtures.file("group.csv"))).isTrue();
        assertThat(csv.recognizes(fixtures.file("private.csv"))).isTrue();
        assertThat(csv.recognizes(fixtures.file("messages-columns.csv"))).isFalse();
        assertThat(csv.recognizes(fixtures.file("messages.json"))).isFalse();
        assertThat(Importers.detect(fixtures.file("private.csv")).format()).isEqualTo(ImportFormat.WECHAT_CSV);
        assertThat(Importers.detect(fixtures.file("messages-columns.csv")).format()).isEqualTo(ImportFormat.WECHAT_JSON);
    }

    @Test
    void refusesCutWrongAndBinaryInputNamingTheFileAndLine() throws IOException {
        String group = Files.readString(fixtures.file("group.csv"));
        Path cut = dir.resolve("cut.csv");
        // ends inside the quoted content of row 105 (line 11): an unclosed quote
        Files.writeString(cut, group.substring(0, group.indexOf("会议纪要.pdf")));
        assertRefused(cut, "cut.csv, line 11:", "expected a closing quote for a cell of the row that starts here; the file ends inside it");
        Path openQuote = dir.resolve("open-quote.csv");
        Files.writeString(openQuote, group + "200,x,1,0,0,1704160500,2,\"abc\n\n");
        assertRefused(openQuote, "open-quote.csv, line 25:", "expected a closing quote");

        Path wrongHeader = dir.resolve("wrong.csv");
        Files.writeString(wrongHeader, "date,from,text\n2024-01-01,ann,hi\n");
        assertRefused(wrongHeader, "wrong.csv, line 1", "expected the header localId,TalkerId,Type");

        Path badType = dir.resolve("bad-type.csv");
        Files.writeString(badType, group.replace("103,20240101888@chatroom,3,", "103,20240101888@chatroom,picture,"));
        assertRefused(badType, "bad-type.csv, line 6, Type", "expected a number (WeChat's type code), found 'picture'");

        Path noTime = dir.resolve("no-time.csv");
        Files.writeString(noTime, String.join(",", WeChatCsvImporter.HEADER) + "\n1,wxid_a,1,0,0\n");
        assertRefused(noTime, "no-time.csv, line 2, StrTime", "expected CreateTime (epoch seconds) or StrTime");

        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {(byte) 0xC3, 0x28, 0, 1, 2, (byte) 0xFF, (byte) 0xFE, '\n', 'x'});
        assertRefused(binary, "binary.csv", "expected UTF-8 text");
    }

    private void assertRefused(Path file, String where, String what) {
        try (LocalStore store = fixtures.store("refused-" + file.getFileName())) {
            assertThatThrownBy(() -> importInto(store, file, ImportFormat.WECHAT_CSV)).isInstanceOf(ImportException.class)
                    .hasMessageContaining(where).hasMessageContaining(what);
            assertThat(store.messageCount()).isZero();
            assertThat(store.conversations()).isEmpty();
            assertThat(store.imports()).isEmpty();
        }
    }
}
