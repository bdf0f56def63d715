package org.chatvault.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CliOutputTest {
    @Test
    void readsTheRecoveryKeyPrintedOnce() {
        String init = """
                Account bench created; this device is enrolled.

                RECOVERY KEY (shown once, store it offline):
                  0123abcd-4567-89ef

                Your login password cannot decrypt your chats; only this device, the recovery key can.
                """;
        assertThat(CliOutput.recoveryKey(init)).isEqualTo("0123abcd-4567-89ef");
    }

    @Test
    void readsTheBackupSummary() {
        String out = "backup: version 2, 20 conversations changed, 1,000 messages encoded into 20 segments, "
                + "21 objects (138,079 bytes) uploaded, 3 already on the server, 0.39 s\n";
        assertThat(CliOutput.backup(out)).isEqualTo(new CliOutput.Backup(1_000, 138_079, 0.39));
    }

    @Test
    void readsABackupThatFirstMergedAndOneInAnotherLocale() {
        String merged = "backup: version 5 (first merged 12 messages from other devices, 4,096 bytes fetched), 3 conversations changed, "
                + "1.990.793 messages encoded into 9.001 segments, 9.002 objects (97.818.170 bytes) uploaded, 0 already on the server, 8,61 s";
        assertThat(CliOutput.backup(merged)).isEqualTo(new CliOutput.Backup(1_990_793, 97_818_170, 8.61));
    }

    @Test
    void readsTheRestoreSummaryAmongProgressLines() {
        String out = """
                restore: version 2, 100 conversations, 100,496 messages; first screen after 83 ms (138,079 bytes), all text after 1843 ms \
                (5,123,456 bytes fetched), all searchable after 5630 ms
                media: 0 thumbnails and 0 files restored (0 bytes written, 0 fetched), 0 already here, 0.00 s
                """;
        assertThat(CliOutput.restore(out)).isEqualTo(new CliOutput.Restore(100_496, 83, 1_843, 5_630));
    }

    @Test
    void readsTheServersUsageFromStatus() {
        String out = """
                local database: /tmp/x/local.db, 100 conversations, 100,496 messages, 0 conversation(s) changed since the last backup
                account: bench at http://127.0.0.1:4242/ (device 1)
                server: head version 2, 1,234 objects, 5,678,901 bytes in 3 packs
                """;
        assertThat(CliOutput.serverBytes(out)).isEqualTo(5_678_901L);
    }

    @Test
    void aMissingLineNamesTheCommandAndShowsWhatItPrinted() {
        assertThatThrownBy(() -> CliOutput.backup("backup: nothing to do"))
                .hasMessageContaining("chatvault backup").hasMessageContaining("backup: nothing to do");
        assertThatThrownBy(() -> CliOutput.recoveryKey("Account created")).hasMessageContaining("RECOVERY KEY");
    }
}
