package org.chatvault.protocol.device;

/** {@code PUT /v1/devices/{deviceId}/name}. */
public record RenameDevice(String name) {}
