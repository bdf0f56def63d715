package org.chatvault.client.archive;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.vault.ObjectSource;
import org.chatvault.client.vault.VaultReader;
import org.chatvault.core.crypto.KeySlots;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.RecoveryKey;
import org.chatvault.core.crypto.VaultKeys;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.protocol.keyslot.KeySlot;

/**
 * An archive file opened with the recovery key (or the passphrase): a {@link VaultReader} that
 * restore reads with no server at all. Closing it wipes the keys and closes the file.
 */
public final class ArchiveVault implements VaultReader, AutoCloseable {
    private final ArchiveReader archive;
    private final MasterKey masterKey;
    private final VaultKeys keys;
    private final SecureRandom random = new SecureRandom();

    private ArchiveVault(ArchiveReader archive, MasterKey masterKey) {
        this.archive = archive;
        this.masterKey = masterKey;
        this.keys = masterKey.deriveVaultKeys();
    }

    /**
     * Checks the archive at {@code file} and opens its master key.
     *
     * @throws ArchiveException if the file is not a whole, undamaged archive, or holds no slot for {@code unlock}
     * @throws org.chatvault.core.error.WrongKeyException if the key or passphrase does not open it
     */
    public static ArchiveVault open(Path file, Unlock unlock) {
        return open(ArchiveReader.open(file), unlock);
    }

    /**
     * Opens the master key of an archive already checked; the vault takes {@code archive} over and
     * closes it, also when opening fails.
     *
     * @throws ArchiveException if the archive holds no slot for {@code unlock}
     * @throws org.chatvault.core.error.WrongKeyException if the key or passphrase does not open it
     */
    public static ArchiveVault open(ArchiveReader archive, Unlock unlock) {
        Path file = archive.file();
        try {
            MasterKey mk = switch (unlock) {
                case Unlock.WithRecoveryKey r -> {
                    byte[] slot = slot(archive, file, "recovery", "recovery key");
                    try (RecoveryKey rk = RecoveryKey.parse(r.code())) {
                        yield KeySlots.openWithRecoveryKey(slot, rk);
                    }
                }
                case Unlock.WithPassphrase p -> KeySlots.openWithPassphrase(slot(archive, file, "passphrase", "passphrase"), p.passphrase());
            };
            return new ArchiveVault(archive, mk);
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private static byte[] slot(ArchiveReader archive, Path file, String slotId, String what) {
        KeySlot slot = archive.header().slot(slotId);
        if (slot == null) throw new ArchiveException(file + " holds no " + what + " slot, so the " + what + " cannot open it");
        try {
            return Base64.getDecoder().decode(slot.blob());
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(file + " is malformed: its " + what + " slot is not base64");
        }
    }

    /** Whose vault, which head, and when the archive was made. */
    public ArchiveHeader header() { return archive.header(); }

    @Override public ObjectSource objects() { return archive; }

    @Override public ObjectCodec newCodec() { return new ObjectCodec(keys, random); }

    @Override public void close() {
        try {
            archive.close();
        } finally {
            keys.destroy();
            masterKey.destroy();
        }
    }
}
