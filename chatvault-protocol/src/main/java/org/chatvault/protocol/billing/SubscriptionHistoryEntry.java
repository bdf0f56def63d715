package org.chatvault.protocol.billing;

/**
 * One line of the account's subscription history.
 *
 * @param event      what happened ({@code redeemed}, {@code renewed}, {@code refunded} … docs/API.md lists them)
 * @param at         when it happened at the store, epoch milliseconds
 * @param receivedAt when the server learnt of it
 * @param detail     short words for the user, or null
 */
public record SubscriptionHistoryEntry(String subscriptionId, String event, long at, long receivedAt, String detail) {}
