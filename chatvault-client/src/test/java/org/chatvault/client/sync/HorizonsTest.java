package org.chatvault.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.SyncState;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.RootManifest;
import org.chatvault.protocol.vault.VaultHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HorizonsTest {
    @TempDir Path dir;

    private static final long MAY_2024 = Months.start(202405) + 86_400_000L;

    private static VaultHead head(int keptFrom) { return new VaultHead(1, "00".repeat(32), 1L, keptFrom); }

    @Test
    void theKnownHorizonIsTheGreatestAnnouncedOrRecordedAndOnlyMovesUp() {
        try (LocalStore store = LocalStore.open(dir.resolve("local.db"))) {
            SyncState sync = store.syncState();
            assertThat(Horizons.known(sync)).isEqualTo(RetentionHorizon.NONE);
            assertThat(Horizons.learn(sync, head(0), MAY_2024)).isEqualTo(RetentionHorizon.NONE);
            assertThat(Horizons.learn(sync, head(202403), MAY_2024)).isEqualTo(new RetentionHorizon(202403, MAY_2024));
            assertThat(Horizons.learn(sync, head(202402), MAY_2024 + 1)).as("never down").isEqualTo(new RetentionHorizon(202403, MAY_2024));
            assertThat(Horizons.learn(sync, head(0), MAY_2024 + 2)).as("a plan keeping everything again").isEqualTo(new RetentionHorizon(202403, MAY_2024));
            RootManifest root = new RootManifest(2, null, List.of(), new RetentionHorizon(202404, MAY_2024 - 5));
            assertThat(Horizons.learn(sync, root)).isEqualTo(new RetentionHorizon(202404, MAY_2024 - 5));
            assertThat(Horizons.known(sync)).as("kept in the store").isEqualTo(new RetentionHorizon(202404, MAY_2024 - 5));
            assertThat(Horizons.expiredBelow(sync, head(202405))).isEqualTo(202405);
            assertThat(Horizons.expiredBelow(sync, head(0))).isEqualTo(202404);
        }
    }

    @Test
    void aMonthThatIsNotInThePastIsRefusedAndChangesNothing() {
        try (LocalStore store = LocalStore.open(dir.resolve("local.db"))) {
            SyncState sync = store.syncState();
            Horizons.learn(sync, head(202403), MAY_2024);
            assertThatThrownBy(() -> Horizons.learn(sync, head(202406), MAY_2024)).isInstanceOf(StaleVaultException.class)
                    .hasMessageContaining("202406").hasMessageContaining("Nothing was changed");
            assertThatThrownBy(() -> Horizons.learn(sync, head(202413), MAY_2024)).isInstanceOf(StaleVaultException.class);
            assertThat(Horizons.known(sync)).isEqualTo(new RetentionHorizon(202403, MAY_2024));
            assertThat(Horizons.learn(sync, head(202405), MAY_2024)).as("everything before the current month may have expired")
                    .isEqualTo(new RetentionHorizon(202405, MAY_2024));
        }
    }

    @Test
    void theCommittedHorizonGoesWithTheHeadItBelongsTo() {
        try (LocalStore store = LocalStore.open(dir.resolve("local.db"))) {
            SyncState sync = store.syncState();
            assertThat(Horizons.committed(sync)).isZero();
            Horizons.recordCommitted(sync, new RetentionHorizon(202403, 7));
            assertThat(Horizons.committed(sync)).isEqualTo(202403);
            Horizons.learn(sync, head(202403), MAY_2024);
            sync.forgetVault();
            assertThat(Horizons.committed(sync)).as("that root is gone").isZero();
            assertThat(Horizons.known(sync).keptFrom()).as("the plan's word still holds").isEqualTo(202403);
        }
    }
}
