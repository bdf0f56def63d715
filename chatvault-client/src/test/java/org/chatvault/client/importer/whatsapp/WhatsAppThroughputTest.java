package org.chatvault.client.importer.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer's own pace, without the LocalStore: a long generated chat (multi-line messages, omitted media)
 * read at ≥ 100,000 messages/s, after a first reading that lets the JIT compile the hot path.
 */
class WhatsAppThroughputTest {
    private static final int MESSAGES = 300_000;
    @TempDir Path dir;

    /** Counts what it is given and keeps nothing. */
    static final class CountingSink implements ImportSink {
        long messages;
        long textChars;

        @Override public void conversation(Conversation conversation) {}
        @Override public void message(Message message) {
            messages++;
            textChars += message.text() == null ? 0 : message.text().length();
        }
        @Override public Attachment file(Path file, String name, String mime) { throw new AssertionError("no files here"); }
        @Override public Attachment content(InputStream in, String name, String mime) { throw new AssertionError("no files here"); }
        @Override public void contentFile(String contentId, Path file) { throw new AssertionError("no files here"); }
        @Override public Attachment absent(String sourceKey, String name, String mime, long size) {
            return new Attachment("absent-x", name, mime, size, null);
        }
    }

    @Test
    void readsAtLeast100000MessagesPerSecond() throws IOException {
        long seed = System.nanoTime();
        System.out.println("seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        Path chat = dir.resolve("WhatsApp Chat with Big Group.txt");
        String[] senders = {"Anna", "Ben", "Chloé", "+49 170 1234567", "王小明"};
        try (BufferedWriter out = Files.newBufferedWriter(chat)) {
            for (int i = 0; i < MESSAGES; i++) {
                int minute = i / 20;
                int day = 1 + (minute / 1440) % 28, hour = (minute / 60) % 24, min = minute % 60;
                String time = "%02d/03/2024, %d:%02d\u202F%s".formatted(day, hour % 12 == 0 ? 12 : hour % 12, min, hour < 12 ? "AM" : "PM");
                out.write(time + " - " + senders[random.nextInt(senders.length)] + ": message " + i + " with some words");
                out.newLine();
                if (random.nextInt(10) == 0) out.write("and a second line\n");
                if (random.nextInt(50) == 0) out.write(time + " - Anna: <Media omitted>\n");
            }
        }
        WhatsAppImporter importer = new WhatsAppImporter();
        CountingSink warmup = new CountingSink();
        importer.read(chat, new ImportOptions(ZoneOffset.UTC), warmup);
        CountingSink sink = new CountingSink();
        long start = System.nanoTime();
        importer.read(chat, new ImportOptions(ZoneOffset.UTC), sink);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = sink.messages / seconds;
        System.out.printf("WhatsApp import (no store): %d messages in %.2f s = %.0f messages/s%n", sink.messages, seconds, rate);
        assertThat(sink.messages).isGreaterThanOrEqualTo(MESSAGES);
        assertThat(rate).isGreaterThanOrEqualTo(100_000);
    }
}
