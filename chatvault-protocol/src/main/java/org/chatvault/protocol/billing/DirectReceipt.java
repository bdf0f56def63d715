package org.chatvault.protocol.billing;

/** The body of {@code POST /v1/subscription/direct}: a receipt (compact JWS) signed by the operator's billing system. */
public record DirectReceipt(String receipt) {}
