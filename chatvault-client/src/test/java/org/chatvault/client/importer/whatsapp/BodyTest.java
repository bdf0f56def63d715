package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;

class BodyTest {
    private static Body android(String raw) { return Body.read("Ann", raw, false, name -> false); }

    private static Body ios(String raw) { return Body.read("Ann", raw, true, name -> false); }

    @Test
    void androidFileMarkersInSeveralLanguages() {
        for (String marker : new String[] {"file attached", "Datei angehängt", "archivo adjunto", "文件已附上"}) {
            Body b = android("\u200EIMG-20241231-WA0001.jpg (" + marker + ")\ncaption");
            assertThat(b.type()).as(marker).isEqualTo(MessageType.IMAGE);
            assertThat(b.fileName()).isEqualTo("IMG-20241231-WA0001.jpg");
            assertThat(b.text()).isEqualTo("caption");
        }
        // an unknown language's marker counts when the zip holds the file
        assertThat(android("PTT-20241231-WA0002.opus (fil vedhæftet)").fileName()).isNull();
        Body held = Body.read("Ann", "PTT-20241231-WA0002.opus (fil vedhæftet)", false, "PTT-20241231-WA0002.opus"::equals);
        assertThat(held.type()).isEqualTo(MessageType.VOICE);
    }

    @Test
    void iosAttachmentsAndOmittedMedia() {
        Body photo = ios("\u200E<attached: 00000012-PHOTO-2024-12-31-23-59-59.jpg>");
        assertThat(photo.type()).isEqualTo(MessageType.IMAGE);
        assertThat(photo.fileName()).isEqualTo("00000012-PHOTO-2024-12-31-23-59-59.jpg");
        assertThat(photo.text()).isNull();
        Body doc = ios("Notes.pdf • 2 pages \u200E<attached: 00000014-Notes.pdf>");
        assertThat(doc.type()).isEqualTo(MessageType.FILE);
        assertThat(doc.text()).isEqualTo("Notes.pdf • 2 pages");
        assertThat(ios("\u200Evideo omitted")).extracting(Body::type, Body::omitted).containsExactly(MessageType.VIDEO, true);
        assertThat(ios("\u200Eaudio omitted").type()).isEqualTo(MessageType.VOICE);
        assertThat(ios("\u200Esticker omitted").type()).isEqualTo(MessageType.STICKER);
        assertThat(ios("\u200EBild weggelassen").type()).isEqualTo(MessageType.IMAGE);
        assertThat(android("<Media omitted>")).extracting(Body::type, Body::omitted).containsExactly(MessageType.FILE, true);
        assertThat(android("<Multimedia omitido>").omitted()).isTrue();
        assertThat(android("<省略影音内容>").omitted()).isTrue();
    }

    @Test
    void fileTypesFromWhatsAppsNames() {
        assertThat(Body.fileType("STK-20241231-WA0001.webp")).isEqualTo(MessageType.STICKER);
        assertThat(Body.fileType("00000001-STICKER-2024.webp")).isEqualTo(MessageType.STICKER);
        assertThat(Body.fileType("IMG-20241231-WA0001.webp")).isEqualTo(MessageType.IMAGE);
        assertThat(Body.fileType("VID-20241231-WA0001.mp4")).isEqualTo(MessageType.VIDEO);
        assertThat(Body.fileType("PTT-20241231-WA0001.opus")).isEqualTo(MessageType.VOICE);
        assertThat(Body.fileType("Mum.vcf")).isEqualTo(MessageType.CONTACT);
        assertThat(Body.fileType("report.pdf")).isEqualTo(MessageType.FILE);
    }

    @Test
    void editedMarkerIsRemovedAndDeletedMessagesAreSystemLinesOfTheirSender() {
        Body edited = ios("See you \u200E<This message was edited>");
        assertThat(edited).extracting(Body::type, Body::text, Body::edited).containsExactly(MessageType.TEXT, "See you", true);
        assertThat(android("Bis dann <Diese Nachricht wurde bearbeitet>").text()).isEqualTo("Bis dann");
        Body deleted = ios("\u200EThis message was deleted.");
        assertThat(deleted).extracting(Body::type, Body::byWhatsApp).containsExactly(MessageType.SYSTEM, false);
        assertThat(android("Se eliminó este mensaje.").type()).isEqualTo(MessageType.SYSTEM);
    }

    @Test
    void longHostileLinesAreReadInLinearTime() {
        String spaces = "x" + " ".repeat(300_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(android(spaces + ">").type()).isEqualTo(MessageType.TEXT);
            assertThat(ios(spaces + "<attached" + spaces + ">").fileName()).isNull();
            assertThat(android("a.b.c".repeat(60_000) + " (" + "d".repeat(40) + ")").fileName()).isNull();
        });
    }

    @Test
    void systemLines() {
        assertThat(Body.read(null, "Anna added Ben", false, n -> false)).extracting(Body::type, Body::byWhatsApp)
                .containsExactly(MessageType.SYSTEM, true);
        // iOS writes them under the chat's name, the text after a left-to-right mark
        assertThat(Body.read("Book Club", "\u200EPriya added Tom", true, n -> false).byWhatsApp()).isTrue();
        // the same mark on Android, or a plain iOS message, is an ordinary message
        assertThat(android("\u200Ehello").type()).isEqualTo(MessageType.TEXT);
        assertThat(ios("hello").type()).isEqualTo(MessageType.TEXT);
        assertThat(android("location: https://maps.google.com/?q=51.5,-0.12").type()).isEqualTo(MessageType.LOCATION);
    }
}
