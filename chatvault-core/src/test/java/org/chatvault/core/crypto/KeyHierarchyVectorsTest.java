package org.chatvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.*;

import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §2: master key 000102…1f → the four HKDF-SHA256 subkeys. */
class KeyHierarchyVectorsTest {

    @Test
    void subkeysOfTheFixedMasterKey() {
        try (MasterKey mk = MasterKey.of(MASTER_KEY.clone()); VaultKeys keys = mk.deriveVaultKeys()) {
            assertThat(hex(keys.objectIdKey())).isEqualTo(OBJECT_ID_KEY);
            assertThat(hex(keys.objectKey())).isEqualTo(OBJECT_KEY);
            assertThat(hex(keys.manifestKey())).isEqualTo(MANIFEST_KEY);
            assertThat(hex(keys.chunkingKey())).isEqualTo(CHUNKING_KEY);
        }
    }

    @Test
    void labelsAreTheDocumentedAsciiStrings() {
        assertThat(VaultKeys.LABEL_OBJECT_ID).isEqualTo("chatvault/v1/object-id");
        assertThat(VaultKeys.LABEL_OBJECT_ENCRYPTION).isEqualTo("chatvault/v1/object-encryption");
        assertThat(VaultKeys.LABEL_MANIFEST).isEqualTo("chatvault/v1/manifest");
        assertThat(VaultKeys.LABEL_CHUNKING).isEqualTo("chatvault/v1/chunking");
        assertThat(hex(Hkdf.derive(MASTER_KEY, "chatvault/v1/object-id", 32))).isEqualTo(OBJECT_ID_KEY);
    }

    /** RFC 5869 A.3: SHA-256, zero-length salt and info; the empty salt is the same as 32 zero bytes. */
    @Test
    void hkdfMatchesRfc5869WithEmptySaltAndInfo() {
        byte[] ikm = unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertThat(hex(Hkdf.derive(ikm, "", 42))).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void destroyedKeysCannotBeUsed() {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        VaultKeys keys = mk.deriveVaultKeys();
        mk.destroy();
        keys.destroy();
        assertThat(mk.isDestroyed()).isTrue();
        assertThatThrownBy(mk::deriveVaultKeys).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(keys::objectKey).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(keys::chunkingKey).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void destroyWipesTheChunkingKey() {
        try (MasterKey mk = MasterKey.of(MASTER_KEY.clone())) {
            VaultKeys keys = mk.deriveVaultKeys();
            byte[] chunking = keys.chunkingKey();
            keys.destroy();
            assertThat(chunking).containsOnly((byte) 0);
        }
    }

    @Test
    void masterKeyIsExactly32Bytes() {
        assertThatThrownBy(() -> MasterKey.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
