package org.chatvault.server.http;

import io.javalin.http.Context;
import java.util.Base64;
import org.chatvault.protocol.device.ApprovalPending;
import org.chatvault.protocol.device.ApprovalRequest;
import org.chatvault.protocol.device.DeviceApproval;
import org.chatvault.protocol.device.DeviceInfo;
import org.chatvault.protocol.device.Devices;
import org.chatvault.protocol.device.RenameDevice;
import org.chatvault.server.device.ApprovalTicket;
import org.chatvault.server.device.DeviceService;

/** {@code /v1/devices}. */
record DeviceHandlers(DeviceService devices, RequestBodies bodies) {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    void list(Context ctx) {
        var principal = AuthFilter.principal(ctx);
        byte[] vaultKey = devices.vaultPublicKey(principal);
        ctx.json(new Devices(devices.list(principal).stream()
                .map(d -> new DeviceInfo(d.deviceId(), d.name(), d.kind(), d.addedAt().toEpochMilli(), d.lastSeenAt().toEpochMilli(),
                        d.current(), d.pendingApproval(), d.publicKey() == null ? null : B64.encodeToString(d.publicKey())))
                .toList(), vaultKey == null ? null : B64.encodeToString(vaultKey)));
    }

    void rename(Context ctx) {
        RenameDevice body = bodies.json(ctx, RenameDevice.class, RequestBodies.JSON_LIMIT);
        devices.rename(AuthFilter.principal(ctx), ctx.pathParam("deviceId"), body.name());
        ctx.status(204);
    }

    void revoke(Context ctx) {
        devices.revoke(AuthFilter.principal(ctx), ctx.pathParam("deviceId"));
        ctx.status(204);
    }

    void requestApproval(Context ctx) {
        ApprovalRequest body = bodies.json(ctx, ApprovalRequest.class, RequestBodies.JSON_LIMIT);
        ApprovalTicket t = devices.requestApproval(AuthFilter.principal(ctx), body.publicKey());
        ctx.json(new ApprovalPending(t.deviceId(), t.vaultPublicKey() == null ? null : B64.encodeToString(t.vaultPublicKey()),
                t.expiresAt().toEpochMilli()));
    }

    void approve(Context ctx) {
        DeviceApproval body = bodies.json(ctx, DeviceApproval.class, RequestBodies.JSON_LIMIT);
        devices.approve(AuthFilter.principal(ctx), ctx.pathParam("deviceId"), body.publicKey(), body.keySlot());
        ctx.status(204);
    }
}
