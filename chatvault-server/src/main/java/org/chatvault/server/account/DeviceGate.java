package org.chatvault.server.account;

import java.time.Instant;

/**
 * What sessions need from the devices feature (implemented by {@code device.DeviceService}), so
 * that accounts do not depend on devices: every session belongs to a device, and a revoked
 * device gets no session.
 */
public interface DeviceGate {
    /**
     * The device a successful login's session belongs to: the known device it presents, or a new
     * one named by {@code hello}.
     *
     * @throws org.chatvault.server.device.DeviceException.Revoked if it presents a revoked device
     * @throws AccountException.BadCredentials if it presents an unknown device id or a wrong credential
     */
    DeviceAttachment attach(String accountId, DeviceHello hello, Instant now);

    /**
     * Whether {@code hello} presents a device of the account that is not revoked, with its right
     * credential (compared in constant time). Cheap (no Argon2): meant to be asked before the
     * password hash, so a known device need not share the lockout that others' failures cause.
     */
    boolean isKnownDevice(String accountId, DeviceHello hello);

    /** Whether the device may hold a session (exists and is not revoked); a null id (a session older than devices) may. */
    boolean isActive(String accountId, String deviceId);

    /** Notes that the device was just used. */
    void seen(String accountId, String deviceId, Instant now);
}
