package org.chatvault.protocol.vault;

/**
 * A plan as {@code /v1/usage} names it.
 *
 * @param retention how far back history is kept, an ISO-8601 period ({@code P30D}, {@code P2Y}); null keeps everything
 */
public record UsagePlan(String id, String name, boolean media, String retention, long quotaBytes) {}
