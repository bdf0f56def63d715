package org.chatvault.client.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's promises that hold whatever the format: all or nothing, idempotent, recorded. */
class ImportServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final ImportOptions SHANGHAI = new ImportOptions(ZoneId.of("Asia/Shanghai"));

    @TempDir Path dir;

    /** Writes {@code count} messages of one conversation, the first with a photo; fails after {@code failAfter} of them. */
    private record ScriptedImporter(int count, int failAfter) implements Importer {
        @Override public ImportFormat format() { return ImportFormat.CHATVAULT_JSON; }
        @Override public boolean recognizes(Path path) { return true; }
        @Override public void read(Path path, ImportOptions options, ImportSink sink) throws IOException {
            sink.conversation(new Conversation("test-1", ConversationKind.GROUP, "Family", List.of("Alice", "Bob")));
            Attachment photo = sink.content(new ByteArrayInputStream("photo bytes".getBytes(StandardCharsets.UTF_8)), "cat.jpg", null);
            Attachment gone = sink.absent("test-1/photo-2", "dog.jpg", null, 123);
            for (int i = 0; i < count; i++) {
                if (i == failAfter) throw ImportException.at(path, "line " + (i + 1), "expected a message, found 'garbage'");
                List<Attachment> atts = i == 0 ? List.of(photo, gone) : List.of();
                sink.message(new Message("test-1", "m" + i, 1_700_000_000_000L + i * 1000L, i % 2 == 0 ? "Alice" : "Bob",
                        i == 0 ? MessageType.IMAGE : MessageType.TEXT, "message " + i, atts, null, null, null, false));
            }
        }
    }

    @Test void importsEverythingOnceAndRecordsTheZone() throws IOException {
        Path source = Files.writeString(dir.resolve("export.txt"), "x");
        try (LocalStore store = LocalStore.open(dir.resolve("local.db"), CLOCK)) {
            ImportReport first = new ImportService(store, CLOCK).runWith(source, new ScriptedImporter(25_000, -1), SHANGHAI);
            assertThat(first.messagesRead()).isEqualTo(25_000);
            assertThat(first.messagesAdded()).isEqualTo(25_000);
            assertThat(first.files()).isEqualTo(1);
            assertThat(first.absentFiles()).isEqualTo(1);
            assertThat(store.messageCount("test-1")).isEqualTo(25_000);
            assertThat(store.dirtyConversations()).extracting(d -> d.conversationId()).containsExactly("test-1");
            Message withPhoto = store.lastMessages("test-1", 25_000).getFirst();
            assertThat(withPhoto.attachments()).hasSize(2);
            String contentId = withPhoto.attachments().getFirst().contentId();
            assertThat(contentId).hasSize(64);
            assertThat(Files.readString(store.media().path(contentId))).isEqualTo("photo bytes");
            assertThat(withPhoto.attachments().get(1).contentId()).startsWith("absent-");
            assertThat(withPhoto.attachments().get(1).size()).isEqualTo(123);
            assertThat(store.search("message 24999", 5)).hasSize(1); // searchable at once (the backlog is scanned)

            // The same export again: nothing new (and nothing re-marked would be fine too; the count is what matters).
            ImportReport second = new ImportService(store, CLOCK).runWith(source, new ScriptedImporter(25_000, -1), SHANGHAI);
            assertThat(second.messagesRead()).isEqualTo(25_000);
            assertThat(second.messagesAdded()).isZero();
            assertThat(store.messageCount()).isEqualTo(25_000);
            assertThat(store.imports()).hasSize(2).allSatisfy(r -> {
                assertThat(r.zone()).isEqualTo("Asia/Shanghai");
                assertThat(r.format()).isEqualTo("chatvault-json");
                assertThat(r.source()).isEqualTo(source.toAbsolutePath().toString());
            });
        }
    }

    @Test void aFailureHalfWayLeavesNothingBehind() throws IOException {
        Path source = Files.writeString(dir.resolve("export.txt"), "x");
        try (LocalStore store = LocalStore.open(dir.resolve("local.db"), CLOCK)) {
            // past two flushed batches of 10,000: they must be rolled back too
            assertThatThrownBy(() -> new ImportService(store, CLOCK).runWith(source, new ScriptedImporter(30_000, 23_456), SHANGHAI))
                    .isInstanceOf(ImportException.class)
                    .hasMessage("cannot import " + source + ", line 23457: expected a message, found 'garbage'");
            assertThat(store.messageCount()).isZero();
            assertThat(store.conversations()).isEmpty();
            assertThat(store.imports()).isEmpty();
            assertThat(store.dirtyConversations()).isEmpty();
            try (Stream<Path> files = Files.walk(store.media().root())) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("the copied photo is taken back").isEmpty();
            }
        }
    }

    @Test void aMissingSourceIsNamed() {
        try (LocalStore store = LocalStore.open(dir.resolve("local.db"), CLOCK)) {
            Path missing = dir.resolve("nope.json");
            assertThatThrownBy(() -> new ImportService(store, CLOCK).run(missing, (ImportFormat) null, SHANGHAI))
                    .isInstanceOf(ImportException.class).hasMessage("cannot import " + missing + ": no such file or directory");
        }
    }

    @Test void unknownFormatNamesAreRefusedWithTheList() {
        assertThatThrownBy(() -> ImportFormat.fromCliName("signal"))
                .hasMessage("unknown import format 'signal': expected auto or one of telegram, whatsapp, qq, wechat-csv, wechat-json, chatvault-json");
        assertThat(ImportFormat.fromCliName("WeChat-CSV")).isEqualTo(ImportFormat.WECHAT_CSV);
    }

    @Test void stableIdsDoNotRunPartsTogether() {
        assertThat(ImportIds.hash("ab", "c")).isNotEqualTo(ImportIds.hash("a", "bc")).hasSize(32);
        assertThat(ImportIds.hash("a", null)).isNotEqualTo(ImportIds.hash("a", "")).isEqualTo(ImportIds.hash("a", null));
    }
}
