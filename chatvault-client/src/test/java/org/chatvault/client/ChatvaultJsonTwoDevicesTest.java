package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportService;
import org.chatvault.client.exporter.json.GeneratedHistory;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chatvault JSON export imported on two devices of one account, both backed up to one vault
 * through a real server: the vault holds each message once, as the export has it.
 */
class ChatvaultJsonTwoDevicesTest {
    private static final ImportOptions UTC = new ImportOptions(ZoneOffset.UTC);

    @TempDir Path dir;

    @Test
    void theSameExportImportedOnTwoDevicesIsBackedUpOnce() throws IOException {
        Path export = dir.resolve("export");
        Map<String, Message> exported = new HashMap<>();
        try (LocalStore source = LocalStore.open(dir.resolve("source/local.db"))) {
            GeneratedHistory.generate(source, 19, 4, 2_000);
            GeneratedHistory.materialize(source, 0.0005);
            new ExportService(source).run(export, ExportFormat.JSON, ExportOptions.all(ZoneOffset.UTC));
            for (List<Message> list : GeneratedHistory.messages(source).values())
                for (Message m : list) if (!m.ephemeral()) exported.put(key(m), m);
        }
        assertThat(exported).hasSizeGreaterThan(1_900);

        try (TestVault server = new TestVault(dir)) {
            AccountService.Created created = server.create("phone", "ann");
            created.session().close();
            server.newDevice("tablet", "ann", created.recoveryKey()).close();
            for (String device : List.of("phone", "tablet")) {
                try (Vault vault = open(device)) {
                    ImportReport r = new ImportService(vault.store(), Clock.systemUTC()).run(export, null, UTC);
                    assertThat(r.messagesAdded()).as("new on %s", device).isEqualTo(2_000);
                    vault.backUp(BackupListener.NONE);
                }
            }
            try (Vault phone = open("phone")) {
                phone.syncNow();
                ImportReport again = new ImportService(phone.store(), Clock.systemUTC()).run(export, null, UTC);
                assertThat(again.messagesAdded()).as("after the tablet's copy came back").isZero();
                assertThat(phone.status().conversationsChanged()).isZero();
            }

            server.newDevice("fresh", "ann", created.recoveryKey()).close();
            try (Vault fresh = open("fresh")) {
                assertThat(fresh.restore(RestoreListener.NONE).messages()).isEqualTo(exported.size());
                Map<String, Message> restored = new HashMap<>();
                for (List<Message> list : GeneratedHistory.messages(fresh.store()).values())
                    for (Message m : list) assertThat(restored.put(key(m), m)).as("message %s once", key(m)).isNull();
                assertThat(restored).isEqualTo(exported);
            }
        }
    }

    private Vault open(String device) {
        return Vault.open(dir.resolve(device), dir.resolve(device).resolve("local.db"), Clock.systemUTC());
    }

    private static String key(Message m) { return m.conversationId() + "/" + m.sentAt() + "/" + m.id(); }
}
