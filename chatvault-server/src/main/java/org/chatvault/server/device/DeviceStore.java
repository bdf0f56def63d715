package org.chatvault.server.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The accounts' devices in the metadata database. Every method is keyed by account id.
 *
 * <p>Failures: every method throws {@link org.chatvault.server.storage.StoreException} when the
 * backend fails; nothing is changed when it does, because each method is one transaction.
 * Expected outcomes (no such device, already revoked, no pending request) are return values.
 * Implementations are thread-safe.
 */
public interface DeviceStore {
    void create(DeviceRecord device);

    Optional<DeviceRecord> find(String accountId, String deviceId);

    /** The account's devices that are not revoked, oldest first. */
    List<DeviceRecord> listActive(String accountId);

    /** @return false if the account has no such active device */
    boolean rename(String accountId, String deviceId, String name);

    /** Marks the device revoked at {@code at}. @return false if the account has no such device or it is revoked already */
    boolean revoke(String accountId, String deviceId, Instant at);

    /** Sets the last-seen time (only ever forward). */
    void touch(String accountId, String deviceId, Instant at);

    /**
     * Records the active device's X25519 public key and that it waits for approval since {@code at}
     * (replacing an earlier request). @return false if the account has no such active device
     */
    boolean requestApproval(String accountId, String deviceId, byte[] publicKey, Instant at);

    /**
     * Ends the device's pending request, if it is active, holds {@code publicKey} and asked after
     * {@code requestedAfter} (later requests have expired); atomically, so two approvals cannot both win.
     *
     * @return false, changing nothing, otherwise
     */
    boolean completeApproval(String accountId, String deviceId, byte[] publicKey, Instant requestedAfter);
}
