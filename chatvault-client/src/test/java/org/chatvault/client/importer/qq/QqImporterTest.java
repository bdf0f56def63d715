package org.chatvault.client.importer.qq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.importer.Importers;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QqImporterTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Charset GB18030 = Charset.forName("GB18030");

    @TempDir Path dir;

    @Test
    void readsAMultiChatFileInGb18030() throws IOException {
        Path file = fixture("multi-chat-gb18030.txt");
        try (LocalStore store = store("a")) {
            ImportReport report = importInto(store, file, null);
            assertThat(report.format()).isEqualTo(ImportFormat.QQ);
            assertThat(report.conversations()).isEqualTo(2);
            assertThat(report.messagesRead()).isEqualTo(8);
            assertThat(report.absentFiles()).isEqualTo(3);

            Conversation friend = byTitle(store, "张三");
            assertThat(friend.id()).startsWith("qq-").hasSize(3 + 32);
            assertThat(friend.kind()).isEqualTo(ConversationKind.DIRECT);
            assertThat(friend.participants()).containsExactly("张三 (123456)", "小李 (654321)");
            Conversation group = byTitle(store, "技术交流群");
            assertThat(group.kind()).isEqualTo(ConversationKind.GROUP);
            assertThat(group.participants()).containsExactly("王五 (111222)", "小李 (654321)", "赵六 (333444)");

            List<Message> chat = messages(store, friend.id());
            assertThat(chat).extracting(Message::sentAt).containsExactly(at(2023, 12, 31, 23, 59, 58), at(2024, 1, 1, 0, 0, 5),
                    at(2024, 1, 1, 0, 1, 0), at(2024, 1, 1, 0, 1, 30));
            assertThat(chat.get(1).text()).isEqualTo("新年快乐，明年见\n哈哈");
            assertThat(chat.get(2).type()).isEqualTo(MessageType.IMAGE);
            assertThat(chat.get(2).text()).isNull();
            assertThat(chat.get(2).attachments()).singleElement().satisfies(a -> {
                assertThat(a.contentId()).startsWith("absent-");
                assertThat(a.mime()).isEqualTo("image/jpeg");
            });
            // text around a placeholder keeps the message text, with the sticker it named
            assertThat(chat.get(3).type()).isEqualTo(MessageType.TEXT);
            assertThat(chat.get(3).text()).isEqualTo("好看[表情]");
            assertThat(chat.get(3).attachments()).hasSize(1);

            List<Message> groupChat = messages(store, group.id());
            assertThat(groupChat.get(0).text()).isEqualTo("大家好，今天的会议改到下午三点");
            assertThat(groupChat.get(2).type()).isEqualTo(MessageType.FILE);
            assertThat(groupChat.get(3).type()).isEqualTo(MessageType.SYSTEM);
            assertThat(groupChat.get(3).sender()).isEqualTo("系统消息 (10000)");
            assertThat(groupChat.get(3).text()).isEqualTo("王五 邀请 孙七 加入了本群");
        }
    }

    @Test
    void utf16WithEitherByteOrderReadsTheSameAsItsUtf8() throws IOException {
        Path le = fixture("single-chat-utf16le.txt");
        byte[] bytes = Files.readAllBytes(le);
        String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        Path be = dir.resolve("be.txt");
        Files.write(be, concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)));
        Path utf8 = dir.resolve("utf8.txt");
        Files.writeString(utf8, text);

        List<List<Message>> read = new ArrayList<>();
        for (Path file : List.of(le, be, utf8)) {
            try (LocalStore store = store(file.getFileName().toString())) {
                importInto(store, file, null);
                read.add(messages(store, byTitle(store, "老王").id()));
            }
        }
        assertThat(read.get(0)).hasSize(4).isEqualTo(read.get(1)).isEqualTo(read.get(2));
        assertThat(read.get(0)).extracting(Message::type)
                .containsExactly(MessageType.TEXT, MessageType.TEXT, MessageType.VOICE, MessageType.VIDEO);
        assertThat(read.get(0).get(1).text()).isEqualTo("早！\n今天去哪里？");
        assertThat(read.get(0).get(0).sender()).isEqualTo("老王 (987654321)");
    }

    @Test
    void readsTwelveHourClocksNicknamesWithParenthesesAndBodiesWithBlankLines() throws IOException {
        try (LocalStore store = store("a")) {
            importInto(store, fixture("ampm-utf8.txt"), null);
            Conversation chat = byTitle(store, "小(明)");
            List<Message> all = messages(store, chat.id());
            assertThat(all).hasSize(8);
            // time order: 00:10, 09:03, 12:30, 21:03 on the 5th; 07:05:09 ×2, 07:05:10, 21:15 on the 6th
            assertThat(all).extracting(Message::sentAt).containsExactly(at(2024, 1, 5, 0, 10, 0), at(2024, 1, 5, 9, 3, 12),
                    at(2024, 1, 5, 12, 30, 0), at(2024, 1, 5, 21, 3, 12), at(2024, 1, 6, 7, 5, 9), at(2024, 1, 6, 7, 5, 9),
                    at(2024, 1, 6, 7, 5, 10), at(2024, 1, 6, 21, 15, 0));
            assertThat(all.get(1).sender()).isEqualTo("小(明) (12345)");
            Message multiLine = all.get(3);
            assertThat(multiLine.sender()).isEqualTo("我的昵称 (67890)");
            assertThat(multiLine.text()).isEqualTo("第一行\n\n第三行（中间有空行）\n2024-01-05 这一行以日期开头但不是消息");
            Message mail = all.get(7);
            assertThat(mail.sender()).isEqualTo("Amy (work) <amy@example.com>");
            assertThat(mail.text()).isEqualTo("Hello from mail\nsecond line");
            // two identical "ok" in the same second are two messages
            assertThat(all.get(4).text()).isEqualTo("ok");
            assertThat(all.get(5).text()).isEqualTo("ok");
            assertThat(all.get(4).id()).isNotEqualTo(all.get(5).id());
            assertThat(all.get(6).type()).isEqualTo(MessageType.IMAGE);
            assertThat(all.get(6).attachments()).hasSize(2);
            assertThat(all.get(6).attachments().get(0).contentId()).isNotEqualTo(all.get(6).attachments().get(1).contentId());
        }
    }

    @Test
    void importingTwiceOrOnAnotherDeviceGivesTheSameMessagesOnce() throws IOException {
        Path file = fixture("ampm-utf8.txt");
        List<Message> first;
        try (LocalStore store = store("phone")) {
            ImportReport once = importInto(store, file, ImportFormat.QQ);
            ImportReport twice = importInto(store, file, ImportFormat.QQ);
            assertThat(once.messagesAdded()).isEqualTo(8);
            assertThat(twice.messagesRead()).isEqualTo(8);
            assertThat(twice.messagesAdded()).isZero();
            assertThat(store.messageCount()).isEqualTo(8);
            assertThat(store.imports()).hasSize(2).allSatisfy(r -> assertThat(r.zone()).isEqualTo("Asia/Shanghai"));
            first = messages(store, byTitle(store, "小(明)").id());
        }
        try (LocalStore laptop = store("laptop")) {
            importInto(laptop, file, ImportFormat.QQ);
            assertThat(messages(laptop, byTitle(laptop, "小(明)").id())).isEqualTo(first);
        }
    }

    @Test
    void recognizesQqExportsOnly() throws IOException {
        QqImporter qq = new QqImporter();
        for (String name : List.of("multi-chat-gb18030.txt", "single-chat-utf16le.txt", "ampm-utf8.txt")) {
            assertThat(qq.recognizes(fixture(name))).as(name).isTrue();
            assertThat(Importers.detect(fixture(name)).format()).isEqualTo(ImportFormat.QQ);
        }
        Path whatsapp = dir.resolve("chat.txt");
        Files.writeString(whatsapp, "31/12/2024, 23:59 - Ann: hello\n");
        assertThat(qq.recognizes(whatsapp)).isFalse();
        Path renamed = dir.resolve("export.csv");
        Files.copy(fixture("ampm-utf8.txt"), renamed);
        assertThat(qq.recognizes(renamed)).isFalse();
        assertThat(qq.recognizes(dir)).isFalse();
    }

    @Test
    void aFileCutInsideACharacterIsRefusedAtItsLineAndNothingIsImported() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("multi-chat-gb18030.txt"));
        String text = new String(whole, GB18030);
        int cut = text.indexOf("收到");
        byte[] prefix = text.substring(0, cut).getBytes(GB18030);
        Path truncated = dir.resolve("cut.txt");
        // the first byte of a two-byte character and no more
        Files.write(truncated, concat(prefix, Arrays.copyOf("收".getBytes(GB18030), 1)));
        int line = (int) text.substring(0, cut).chars().filter(c -> c == '\n').count() + 1;
        assertRefused(truncated, ImportFormat.QQ, "cut.txt, line " + line + ": expected GB18030 text");
    }

    @Test
    void refusesBinaryWrongAndDamagedInputWithTheFileAndLine() throws IOException {
        Path binary = dir.resolve("photo.txt");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        assertRefused(binary, ImportFormat.QQ, "photo.txt: a binary file, not QQ's text export");

        Path whatsapp = dir.resolve("whatsapp.txt");
        Files.writeString(whatsapp, "31/12/2024, 23:59 - Ann: hello\n");
        assertRefused(whatsapp, ImportFormat.QQ, "whatsapp.txt, line 1: expected QQ's header");

        String good = Files.readString(fixture("ampm-utf8.txt"));
        Path badDate = dir.resolve("bad-date.txt");
        Files.writeString(badDate, good.replace("2024-01-05 下午 12:30:00", "2024-02-30 下午 12:30:00"));
        assertRefused(badDate, ImportFormat.QQ, "bad-date.txt, line 18: expected a real date and time");

        Path noChat = dir.resolve("no-chat.txt");
        Files.writeString(noChat, "消息记录（此消息记录为文本格式，不支持重新导入）\n\n2024-01-05 9:03:12 张三(123456)\n你好\n");
        assertRefused(noChat, ImportFormat.QQ, "no-chat.txt, line 3: expected a '消息对象:' line");

        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        assertRefused(empty, ImportFormat.QQ, "empty.txt: the file is empty");
    }

    private void assertRefused(Path file, ImportFormat format, String message) {
        try (LocalStore store = store("refused-" + file.getFileName())) {
            assertThatThrownBy(() -> importInto(store, file, format)).isInstanceOf(ImportException.class).hasMessageContaining(message);
            assertThat(store.messageCount()).isZero();
            assertThat(store.conversations()).isEmpty();
            assertThat(store.imports()).isEmpty();
        }
    }

    private Path fixture(String name) {
        try (InputStream in = QqImporterTest.class.getResourceAsStream("/import/qq/" + name)) {
            Path copy = dir.resolve("fixtures").resolve(name);
            Files.createDirectories(copy.getParent());
            if (!Files.exists(copy)) Files.copy(in, copy);
            return copy;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private LocalStore store(String name) { return LocalStore.open(dir.resolve("stores").resolve(name).resolve("local.db")); }

    private static ImportReport importInto(LocalStore store, Path file, ImportFormat format) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        return new ImportService(store, clock).run(file, format, new ImportOptions(SHANGHAI));
    }

    private static Conversation byTitle(LocalStore store, String title) {
        return store.conversations().stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
    }

    static List<Message> messages(LocalStore store, String conversationId) {
        List<Message> all = new ArrayList<>();
        store.forEachMessage(conversationId, Long.MIN_VALUE, all::add);
        return all;
    }

    private static long at(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
