package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.importer.ImportIds;
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

/** The fixtures of {@code import/whatsapp/}, through {@link ImportService} into a real LocalStore. */
class WhatsAppImporterTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    @TempDir Path dir;
    LocalStore store;

    @BeforeEach void open() { store = LocalStore.open(dir.resolve("local.db")); }

    @AfterEach void close() { store.close(); }

    static Path fixture(String path) {
        try {
            return Path.of(WhatsAppImporterTest.class.getResource("/import/whatsapp/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    ImportReport importIt(Path file, ZoneId zone) {
        return new ImportService(store, Clock.systemUTC()).run(file, null, new ImportOptions(zone));
    }

    List<Message> messages(String conversationId) {
        List<Message> out = new ArrayList<>();
        store.forEachMessage(conversationId, Long.MIN_VALUE, out::add);
        return out;
    }

    static long at(int y, int mo, int d, int h, int mi, int s, ZoneId zone) {
        return LocalDateTime.of(y, mo, d, h, mi, s).atZone(zone).toInstant().toEpochMilli();
    }

    static String idOf(String chatName) { return "whatsapp-" + ImportIds.hash(chatName); }

    static Message withText(List<Message> ms, String text) {
        return ms.stream().filter(m -> text.equals(m.text())).findFirst().orElseThrow(() -> new AssertionError("no message " + text));
    }

    @Test
    void androidEnUsTwelveHourMonthFirst() {
        Path file = fixture("android-en-us/WhatsApp Chat with Mum.txt");
        assertThat(Importers.detect(file)).isInstanceOf(WhatsAppImporter.class);
        ImportReport report = importIt(file, LONDON);
        assertThat(report.messagesRead()).isEqualTo(11);
        assertThat(report.messagesAdded()).isEqualTo(11);
        String id = idOf("Mum");
        assertThat(store.conversation(id)).get().extracting(Conversation::kind, Conversation::title, Conversation::participants)
                .containsExactly(ConversationKind.DIRECT, "Mum", List.of("Mum", "Alex"));
        List<Message> ms = messages(id);
        Message notice = ms.stream().filter(m -> m.sender().isEmpty()).findFirst().orElseThrow();
        assertThat(notice.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(notice.text()).startsWith("Messages and calls are end-to-end encrypted.");
        assertThat(notice.sentAt()).isEqualTo(at(2024, 1, 5, 9, 15, 0, LONDON));

        // 1/5/24 on a US phone is the 5th of January; 12:30 AM is just after midnight
        assertThat(withText(ms, "Good morning! Did you get home ok?").sentAt()).isEqualTo(at(2024, 1, 5, 9, 16, 0, LONDON));
        assertThat(withText(ms, "This message was deleted")).extracting(Message::type, Message::sender, Message::sentAt)
                .containsExactly(MessageType.SYSTEM, "Alex", at(2024, 1, 5, 0, 30, 0, LONDON));
        assertThat(withText(ms, "Yes, all fine.\nThe train was late though.\n\nLove you").sender()).isEqualTo("Alex");

        Message edited = withText(ms, "See you Sunday");
        assertThat(edited.editedAt()).isEqualTo(edited.sentAt());

        Message omitted = ms.stream().filter(m -> m.type() == MessageType.FILE).findFirst().orElseThrow();
        assertThat(omitted.text()).isNull();
        assertThat(omitted.attachments()).singleElement().satisfies(a -> assertThat(a.contentId()).startsWith("absent-"));

        Message cake = withText(ms, "The cake!");
        assertThat(cake.type()).isEqualTo(MessageType.IMAGE);
        assertThat(cake.attachments()).singleElement().extracting(Attachment::name, Attachment::mime)
                .containsExactly("IMG-20240105-WA0003.jpg", "image/jpeg");
        assertThat(cake.attachments().getFirst().contentId()).startsWith("absent-");
        assertThat(ms).filteredOn(m -> m.type() == MessageType.VOICE).singleElement()
                .satisfies(m -> assertThat(m.attachments().getFirst().name()).isEqualTo("PTT-20240105-WA0004.opus"));
        assertThat(ms).filteredOn(m -> m.type() == MessageType.LOCATION).hasSize(1);

        // two identical "ok" in the same minute are two messages
        List<Message> oks = ms.stream().filter(m -> "ok".equals(m.text())).toList();
        assertThat(oks).hasSize(2);
        assertThat(oks.get(0).id()).isNotEqualTo(oks.get(1).id());
        assertThat(report.absentFiles()).isEqualTo(3);
    }

    @Test
    void androidEnGbTwentyFourHourDayFirstAndARenamedCopy() {
        importIt(fixture("android-en-gb/WhatsApp Chat with Sam (1).txt"), LONDON);
        List<Message> ms = messages(idOf("Sam"));
        assertThat(ms).hasSize(5);
        assertThat(withText(ms, "Morning").sentAt()).isEqualTo(at(2024, 2, 3, 8, 5, 0, LONDON));
        assertThat(withText(ms, "Merry Christmas!").sentAt()).isEqualTo(at(2024, 12, 25, 0, 0, 0, LONDON));
        assertThat(ms.getLast().type()).isEqualTo(MessageType.STICKER);
        assertThat(store.conversation(idOf("Sam")).orElseThrow().kind()).isEqualTo(ConversationKind.DIRECT);
    }

    @Test
    void germanGroupWithSystemLinesAndLocalizedMarkers() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        importIt(fixture("android-de/WhatsApp Chat mit Familie.txt"), berlin);
        Conversation c = store.conversation(idOf("Familie")).orElseThrow();
        // two senders, but the group's system lines say it is a group
        assertThat(c.kind()).isEqualTo(ConversationKind.GROUP);
        assertThat(c.participants()).containsExactly("Anna", "Ben");
        List<Message> ms = messages(c.id());
        assertThat(ms).hasSize(8);
        assertThat(ms).filteredOn(m -> m.type() == MessageType.SYSTEM && m.sender().isEmpty()).extracting(Message::text)
                .contains("Anna hat die Gruppe „Familie“ erstellt", "Anna hat Ben hinzugefügt");
        assertThat(withText(ms, "Frohes neues Jahr 🎆").sentAt()).isEqualTo(at(2025, 1, 1, 0, 0, 0, berlin));
        Message video = withText(ms, "Feuerwerk");
        assertThat(video.type()).isEqualTo(MessageType.VIDEO);
        assertThat(video.attachments().getFirst().mime()).isEqualTo("video/mp4");
        assertThat(ms).filteredOn(m -> m.text() == null).singleElement()
                .satisfies(m -> assertThat(m.attachments().getFirst().contentId()).startsWith("absent-"));
        assertThat(withText(ms, "Diese Nachricht wurde gelöscht")).extracting(Message::type, Message::sender)
                .containsExactly(MessageType.SYSTEM, "Ben");
    }

    @Test
    void iosEnglishWithMarksNarrowSpacesAndTheGroupsNameFromTheFolder() {
        ZoneId newYork = ZoneId.of("America/New_York");
        importIt(fixture("ios-en/WhatsApp Chat - Book Club/_chat.txt"), newYork);
        Conversation c = store.conversation(idOf("Book Club")).orElseThrow();
        assertThat(c.title()).isEqualTo("Book Club");
        assertThat(c.kind()).isEqualTo(ConversationKind.GROUP);
        // the group's name, under which iOS writes system lines, is no participant
        assertThat(c.participants()).containsExactly("Priya", "Tom");
        List<Message> ms = messages(c.id());
        assertThat(ms).hasSize(9);
        assertThat(ms.subList(0, 3)).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
            assertThat(m.sender()).isEmpty();
        });
        assertThat(ms.get(1).text()).isEqualTo("Priya created group “Book Club”");
        assertThat(ms.getFirst().sentAt()).isEqualTo(at(2024, 3, 14, 19, 0, 1, newYork));
        assertThat(withText(ms, "Long, but yes.\nChapter 1 by Friday?").sentAt()).isEqualTo(at(2024, 3, 14, 19, 6, 0, newYork));
        assertThat(withText(ms, "Done with chapter 1").editedAt()).isEqualTo(at(2024, 3, 14, 23, 59, 59, newYork));
        assertThat(ms).filteredOn(m -> m.type() == MessageType.IMAGE).hasSize(2)
                .allSatisfy(m -> assertThat(m.attachments().getFirst().contentId()).startsWith("absent-"));
        assertThat(ms.getLast()).extracting(Message::type, Message::sender, Message::text)
                .containsExactly(MessageType.SYSTEM, "Priya", "This message was deleted.");
    }

    @Test
    void spanishTwelveHourClockStaysDayFirst() {
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        importIt(fixture("android-es/Chat de WhatsApp con Lucía.txt"), madrid);
        List<Message> ms = messages(idOf("Lucía"));
        assertThat(ms).hasSize(5);
        assertThat(withText(ms, "¡Hola! ¿Qué tal?").sentAt()).isEqualTo(at(2024, 1, 5, 9, 16, 0, madrid));
        assertThat(ms).filteredOn(m -> m.type() == MessageType.IMAGE).singleElement()
                .satisfies(m -> assertThat(m.sentAt()).isEqualTo(at(2024, 1, 5, 15, 31, 0, madrid)));
        assertThat(ms).filteredOn(m -> m.text() == null && m.type() == MessageType.FILE).hasSize(1);
    }

    @Test
    void chineseYearFirstWithDayPeriodsBeforeTheTime() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        importIt(fixture("android-zh/与妈妈的WhatsApp聊天.txt"), shanghai);
        List<Message> ms = messages(idOf("妈妈"));
        assertThat(ms).hasSize(5);
        assertThat(withText(ms, "新年快乐！").sentAt()).isEqualTo(at(2024, 12, 31, 23, 59, 0, shanghai));
        assertThat(withText(ms, "早上好\n记得吃早饭").sentAt()).isEqualTo(at(2025, 1, 1, 9, 30, 0, shanghai));
        assertThat(ms).filteredOn(m -> m.type() == MessageType.IMAGE).singleElement()
                .satisfies(m -> assertThat(m.sentAt()).isEqualTo(at(2025, 1, 1, 0, 1, 0, shanghai)));
        assertThat(ms.getFirst().type()).isEqualTo(MessageType.SYSTEM);
    }

    @Test
    void importingTwiceAddsNothingTheSecondTime() {
        Path file = fixture("android-en-us/WhatsApp Chat with Mum.txt");
        assertThat(importIt(file, LONDON).messagesAdded()).isEqualTo(11);
        ImportReport again = importIt(file, LONDON);
        assertThat(again.messagesRead()).isEqualTo(11);
        assertThat(again.messagesAdded()).isZero();
        assertThat(store.messageCount(idOf("Mum"))).isEqualTo(11);
    }

    @Test
    void twoDevicesImportingTheSameExportHoldTheSameMessages() {
        Path file = fixture("ios-en/WhatsApp Chat - Book Club/_chat.txt");
        importIt(file, LONDON);
        try (LocalStore other = LocalStore.open(dir.resolve("other.db"))) {
            new ImportService(other, Clock.systemUTC()).run(file, null, new ImportOptions(LONDON));
            List<Message> there = new ArrayList<>();
            other.forEachMessage(idOf("Book Club"), Long.MIN_VALUE, there::add);
            assertThat(there).hasSize(9).isEqualTo(messages(idOf("Book Club")));
            assertThat(other.conversations()).isEqualTo(store.conversations());
        }
    }

    @Test
    void theSameChatUnderTwoZonesGivesOtherTimesAndRecordsEachZone() throws IOException {
        Path file = fixture("android-en-gb/WhatsApp Chat with Sam (1).txt");
        importIt(file, ZoneOffset.UTC);
        long utc = withText(messages(idOf("Sam")), "Morning").sentAt();
        try (LocalStore other = LocalStore.open(dir.resolve("other.db"))) {
            new ImportService(other, Clock.systemUTC()).run(file, null, new ImportOptions(ZoneId.of("Asia/Tokyo")));
            List<Message> tokyo = new ArrayList<>();
            other.forEachMessage(idOf("Sam"), Long.MIN_VALUE, tokyo::add);
            assertThat(utc - withText(tokyo, "Morning").sentAt()).isEqualTo(9 * 3_600_000L);
            assertThat(other.imports()).singleElement().satisfies(r -> {
                assertThat(r.zone()).isEqualTo("Asia/Tokyo");
                assertThat(r.format()).isEqualTo("whatsapp");
            });
        }
        assertThat(store.imports()).singleElement().satisfies(r -> assertThat(r.zone()).isEqualTo("Z"));
    }
}
