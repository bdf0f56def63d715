package org.chatvault.server.http;

import io.javalin.http.Context;
import java.util.Base64;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.keyslot.KeySlots;
import org.chatvault.protocol.keyslot.PutKeySlot;
import org.chatvault.server.account.KeySlotService;

/** {@code /v1/keyslots}. */
record KeySlotHandlers(KeySlotService slots, RequestBodies bodies) {
    void list(Context ctx) {
        Base64.Encoder b64 = Base64.getEncoder();
        ctx.json(new KeySlots(slots.list(AuthFilter.principal(ctx)).stream()
                .map(s -> new KeySlot(s.slotId(), s.kind(), b64.encodeToString(s.blob()))).toList()));
    }

    void put(Context ctx) {
        PutKeySlot body = bodies.json(ctx, PutKeySlot.class, RequestBodies.JSON_LIMIT);
        slots.put(AuthFilter.principal(ctx), ctx.pathParam("slotId"), body.kind(), body.blob());
        ctx.status(204);
    }

    void delete(Context ctx) {
        slots.delete(AuthFilter.principal(ctx), ctx.pathParam("slotId"));
        ctx.status(204);
    }
}
