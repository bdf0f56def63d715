package org.chatvault.protocol.billing;

import java.util.List;

/**
 * The answer to {@code GET /v1/subscription} and to redeeming a purchase: the entitlement now, the
 * account's subscriptions (oldest first) and its history (newest first, the latest lines only).
 */
public record SubscriptionOverview(EntitlementInfo entitlement, List<SubscriptionInfo> subscriptions, List<SubscriptionHistoryEntry> history) {}
