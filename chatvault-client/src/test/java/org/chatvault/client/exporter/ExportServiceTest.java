package org.chatvault.client.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.List;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every export promises whatever its format: a private new directory, never someone else's files. */
class ExportServiceTest {
    @TempDir Path dir;

    private LocalStore storeWithOneChat() {
        LocalStore store = LocalStore.open(dir.resolve("local.db"));
        store.putConversation(new Conversation("c1", ConversationKind.DIRECT, "Mum", List.of("me", "Mum")));
        store.addMessages(List.of(Message.text("c1", "m1", 1_700_000_000_000L, "Mum", "dinner at 7?")));
        return store;
    }

    @Test void aNewExportDirectoryIsOwnerOnlyInEveryFormat() throws IOException {
        try (LocalStore store = storeWithOneChat()) {
            for (ExportFormat f : ExportFormat.values()) {
                Path out = dir.resolve("exports/" + f.cliName());
                ExportReport r = new ExportService(store).run(out, f, ExportOptions.all(ZoneOffset.UTC));
                assertThat(r.messages()).as(f.cliName()).isEqualTo(1);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).as(f.cliName()).isEqualTo("rwx------");
            }
        }
    }

    @Test void aDirectoryThatHoldsAnythingOrAFileIsRefusedAndLeftAlone() throws IOException {
        try (LocalStore store = storeWithOneChat()) {
            Path full = Files.createDirectories(dir.resolve("full"));
            Path mine = Files.writeString(full.resolve("thesis.docx"), "years of work");
            assertThatThrownBy(() -> new ExportService(store).run(full, ExportFormat.HTML, ExportOptions.all(ZoneOffset.UTC)))
                    .isInstanceOf(ExportException.class)
                    .hasMessage(full + " is not empty: export writes into a new or empty directory");
            assertThat(Files.readString(mine)).isEqualTo("years of work");
            try (var files = Files.list(full)) {
                assertThat(files.toList()).containsExactly(mine);
            }
            assertThatThrownBy(() -> new ExportService(store).run(mine, ExportFormat.TXT, ExportOptions.all(ZoneOffset.UTC)))
                    .isInstanceOf(ExportException.class).hasMessageContaining("is a file");
        }
    }

    @Test void anUnknownConversationIsRefusedBeforeAnythingIsWritten() {
        try (LocalStore store = storeWithOneChat()) {
            Path out = dir.resolve("never");
            assertThatThrownBy(() -> new ExportService(store).run(out, ExportFormat.JSON,
                    new ExportOptions(List.of("nope"), Long.MIN_VALUE, ZoneOffset.UTC))).isInstanceOf(ExportException.class)
                    .hasMessageStartingWith("no conversation nope in ");
            assertThat(out).doesNotExist();
        }
    }
}
