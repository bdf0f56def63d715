package org.chatvault.protocol.ops;

/** The answer to {@code GET /healthz}: {@code "ok"} while the process serves. */
public record Health(String status) {}
