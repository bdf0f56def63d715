package org.chatvault.server.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chatvault.server.account.AccountException;
import org.chatvault.server.account.AccountStore;
import org.chatvault.server.account.KeySlotOutcome;
import org.chatvault.server.account.DeviceAttachment;
import org.chatvault.server.account.DeviceGate;
import org.chatvault.server.account.DeviceHello;
import org.chatvault.server.account.KeySlotService;
import org.chatvault.server.account.Principal;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account's devices (docs/API.md "Devices"): one per client installation, created by its first
 * login; listing, renaming and revoking them; and approval, by which an existing device seals the
 * master key to a new device's X25519 key after the user has compared the code both show.
 */
public final class DeviceService implements DeviceGate {
    private static final Logger log = LoggerFactory.getLogger(DeviceService.class);
    /** How long a new device's request waits for approval. */
    public static final Duration APPROVAL_TTL = Duration.ofMinutes(15);
    static final int MAX_NAME = 64;
    static final int PUBLIC_KEY_BYTES = 32;
    static final int MAX_SLOT_BYTES = 4096;
    private static final Pattern KIND = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9a-f-]{36}");

    private final DeviceStore devices;
    private final AccountStore accounts;
    private final KeySlotService keySlots;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;

    public DeviceService(DeviceStore devices, AccountStore accounts, KeySlotService keySlots, AuditLog audit, Clock clock, SecureRandom random) {
        this.devices = devices;
        this.accounts = accounts;
        this.keySlots = keySlots;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    /** The key slot that holds the master key sealed to a device. */
    public static String slotId(String deviceId) { return "device-" + deviceId; }

    // ---- sessions (DeviceGate) ---------------------------------------------------------------

    @Override
    public DeviceAttachment attach(String accountId, DeviceHello hello, Instant now) {
        if (hello.presentsDevice()) {
            DeviceRecord d = presented(accountId, hello);
            if (d == null) throw new AccountException.BadCredentials();
            if (d.revoked()) throw new DeviceException.Revoked();
            devices.touch(accountId, d.deviceId(), now);
            return new DeviceAttachment(d.deviceId(), null);
        }
        String name = name(hello.name(), "unnamed device");
        String kind = kind(hello.kind());
        String deviceId = UUID.randomUUID().toString();
        String credential = DeviceCredentials.generate(random);
        devices.create(new DeviceRecord(accountId, deviceId, name, kind, DeviceCredentials.hash(credential), null, now, now, null, null));
        audit.record(accountId, AuditEventType.DEVICE_ADDED, deviceId, name + " (" + kind + ")");
        log.info("account {} added device {}", accountId, deviceId);
        return new DeviceAttachment(deviceId, credential);
    }

    @Override
    public boolean isKnownDevice(String accountId, DeviceHello hello) {
        if (!hello.presentsDevice()) return false;
        DeviceRecord d = presented(accountId, hello);
        return d != null && !d.revoked();
    }

    @Override
    public boolean isActive(String accountId, String deviceId) {
        return deviceId == null || devices.find(accountId, deviceId).filter(d -> !d.revoked()).isPresent();
    }

    @Override
    public void seen(String accountId, String deviceId, Instant now) {
        if (deviceId != null) devices.touch(accountId, deviceId, now);
    }

    /** The device the hello presents if its credential is right, revoked or not; null otherwise. */
    private DeviceRecord presented(String accountId, DeviceHello hello) {
        if (hello.deviceId() == null || hello.credential() == null || !DEVICE_ID.matcher(hello.deviceId()).matches()) return null;
        DeviceRecord d = devices.find(accountId, hello.deviceId()).orElse(null);
        return d != null && DeviceCredentials.matches(hello.credential(), d.credentialHash()) ? d : null;
    }

    // ---- managing devices --------------------------------------------------------------------

    public List<DeviceView> list(Principal p) {
        Instant expired = clock.instant().minus(APPROVAL_TTL);
        return devices.listActive(p.accountId()).stream().map(d -> new DeviceView(d.deviceId(), d.name(), d.kind(), d.addedAt(),
                d.lastSeenAt(), d.deviceId().equals(p.deviceId()), d.approvalRequestedAt() != null && d.approvalRequestedAt().isAfter(expired),
                d.publicKey())).toList();
    }

    /** The account's registered vault signing public key, or null: an approving device checks it against its own. */
    public byte[] vaultPublicKey(Principal p) {
        return accounts.findVaultPublicKey(p.accountId()).orElse(null);
    }

    /** @throws DeviceException.NotFound, DeviceException.Invalid for a bad name */
    public void rename(Principal p, String deviceId, String name) {
        String n = name(Objects.requireNonNullElse(name, ""), null);
        if (!devices.rename(p.accountId(), deviceId, n)) throw new DeviceException.NotFound(deviceId);
        audit.record(p.accountId(), AuditEventType.DEVICE_RENAMED, deviceId, n);
    }

    /**
     * Revokes a device: its credential is refused from now on, its sessions end at once, and its
     * key slot goes (through the key slot store, with whatever delay that applies).
     *
     * @throws DeviceException.NotFound if the account has no such active device
     */
    public void revoke(Principal p, String deviceId) {
        Instant now = clock.instant();
        if (!devices.revoke(p.accountId(), deviceId, now)) throw new DeviceException.NotFound(deviceId);
        int sessions = accounts.deleteDeviceSessions(p.accountId(), deviceId);
        // A device slot is never an account's last recovery slot, so the outcome is DONE or NOT_FOUND.
        boolean slot = accounts.deleteKeySlot(p.accountId(), slotId(deviceId), now) == KeySlotOutcome.DONE;
        audit.record(p.accountId(), AuditEventType.DEVICE_REVOKED, deviceId, sessions + " session(s) ended" + (slot ? ", key slot retired" : ""));
        log.info("account {} revoked device {} ({} sessions ended)", p.accountId(), deviceId, sessions);
    }

    // ---- approval ------------------------------------------------------------------------------

    /**
     * The session's device asks to be approved with its X25519 public key (replacing an earlier request).
     *
     * @throws DeviceException.Invalid for a key that is not base64 of 32 bytes, or a session without a device
     */
    public ApprovalTicket requestApproval(Principal p, String publicKeyB64) {
        byte[] key = bytes(publicKeyB64, "publicKey", PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES);
        if (p.deviceId() == null) throw new DeviceException.Invalid("this session belongs to no device; log in again");
        Instant now = clock.instant();
        if (!devices.requestApproval(p.accountId(), p.deviceId(), key, now)) throw new DeviceException.Revoked();
        audit.record(p.accountId(), AuditEventType.APPROVAL_REQUESTED, p.deviceId(), null);
        return new ApprovalTicket(p.deviceId(), accounts.findVaultPublicKey(p.accountId()).orElse(null), now.plus(APPROVAL_TTL));
    }

    /**
     * Stores the master key sealed to a waiting device as its key slot.
     *
     * @param publicKeyB64 the key the approving device computed the code from: must be the one waiting
     * @throws DeviceException.NoPendingApproval if no request for that device and key is waiting
     */
    public void approve(Principal p, String deviceId, String publicKeyB64, String keySlotB64) {
        byte[] key = bytes(publicKeyB64, "publicKey", PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES);
        bytes(keySlotB64, "keySlot", 1, MAX_SLOT_BYTES);
        if (!devices.completeApproval(p.accountId(), deviceId, key, clock.instant().minus(APPROVAL_TTL)))
            throw new DeviceException.NoPendingApproval(deviceId);
        keySlots.put(p, slotId(deviceId), "device", keySlotB64);
        audit.record(p.accountId(), AuditEventType.DEVICE_APPROVED, deviceId, "approved by " + p.deviceId());
        log.info("account {} approved device {}", p.accountId(), deviceId);
    }

    // ---- input -----------------------------------------------------------------------------------

    private static String name(String raw, String fallback) {
        String n = raw == null ? "" : raw.strip();
        if (n.isEmpty() && fallback != null) return fallback;
        if (n.isEmpty() || n.length() > MAX_NAME || n.codePoints().anyMatch(Character::isISOControl))
            throw new DeviceException.Invalid("a device name is 1-" + MAX_NAME + " characters without control characters");
        return n;
    }

    private static String kind(String raw) {
        if (raw == null) return "other";
        if (!KIND.matcher(raw).matches()) throw new DeviceException.Invalid("a device kind is 1-32 characters of a-z, 0-9 and '-'");
        return raw;
    }

    private static byte[] bytes(String b64, String field, int min, int max) {
        byte[] b;
        try {
            b = b64 == null ? null : Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            b = null;
        }
        if (b == null || b.length < min || b.length > max)
            throw new DeviceException.Invalid("'" + field + "' must be base64 of " + (min == max ? min + "" : min + "-" + max) + " bytes");
        return b;
    }
}
