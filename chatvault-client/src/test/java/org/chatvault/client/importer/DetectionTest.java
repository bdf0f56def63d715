package org.chatvault.client.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format detection across every importer at once: each fixture is claimed by its own importer and
 * by no other (so the order of the registry cannot make one format swallow another), and what is
 * no export at all is refused naming the file.
 */
class DetectionTest {
    @TempDir Path dir;

    static Path fixture(String relative) {
        try {
            return Path.of(DetectionTest.class.getResource("/import/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, ImportFormat> fixtures() {
        Map<String, ImportFormat> m = new LinkedHashMap<>();
        m.put("chatvault-json/small", ImportFormat.CHATVAULT_JSON);
        m.put("chatvault-json/small/chatvault-export.json", ImportFormat.CHATVAULT_JSON);
        m.put("telegram/single", ImportFormat.TELEGRAM);
        m.put("telegram/single/result.json", ImportFormat.TELEGRAM);
        m.put("telegram/full/result.json", ImportFormat.TELEGRAM);
        m.put("qq/ampm-utf8.txt", ImportFormat.QQ);
        m.put("qq/multi-chat-gb18030.txt", ImportFormat.QQ);
        m.put("qq/single-chat-utf16le.txt", ImportFormat.QQ);
        m.put("wechat/group.csv", ImportFormat.WECHAT_CSV);
        m.put("wechat/private.csv", ImportFormat.WECHAT_CSV);
        m.put("wechat/messages.json", ImportFormat.WECHAT_JSON);
        m.put("wechat/messages-columns.csv", ImportFormat.WECHAT_JSON);
        m.put("whatsapp/android-de/WhatsApp Chat mit Familie.txt", ImportFormat.WHATSAPP);
        m.put("whatsapp/android-en-gb/WhatsApp Chat with Sam (1).txt", ImportFormat.WHATSAPP);
        m.put("whatsapp/android-en-us/WhatsApp Chat with Mum.txt", ImportFormat.WHATSAPP);
        m.put("whatsapp/android-es/Chat de WhatsApp con Lucía.txt", ImportFormat.WHATSAPP);
        m.put("whatsapp/android-zh/与妈妈的WhatsApp聊天.txt", ImportFormat.WHATSAPP);
        m.put("whatsapp/ios-en/WhatsApp Chat - Book Club/_chat.txt", ImportFormat.WHATSAPP);
        return m;
    }

    @Test void everyFixtureIsClaimedByItsOwnImporterOnly() throws IOException {
        for (Map.Entry<String, ImportFormat> e : fixtures().entrySet()) {
            Path path = fixture(e.getKey());
            assertThat(Importers.detect(path).format()).as(e.getKey()).isEqualTo(e.getValue());
            for (Importer other : Importers.available()) {
                if (other.format() == e.getValue()) continue;
                assertThat(other.recognizes(path)).as("%s must not claim %s", other.format().cliName(), e.getKey()).isFalse();
            }
        }
    }

    @Test void everyFormatHasAnImporter() {
        for (ImportFormat f : ImportFormat.values()) assertThat(Importers.of(f).format()).isEqualTo(f);
    }

    @Test void whatIsNoExportIsRefusedNamingTheFile() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "shopping list\nmilk\neggs\n");
        byte[] binary = new byte[4096];
        new java.util.SplittableRandom(7).nextBytes(binary);
        Path blob = Files.write(dir.resolve("photo.jpg"), binary);
        Path json = Files.writeString(dir.resolve("data.json"), "{\"name\": \"not a chat\", \"items\": [1, 2, 3]}");
        for (Path p : new Path[] {notes, blob, json, dir}) {
            assertThatThrownBy(() -> Importers.detect(p)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith("cannot import " + p + ": not an export Chatvault recognizes");
        }
    }
}
