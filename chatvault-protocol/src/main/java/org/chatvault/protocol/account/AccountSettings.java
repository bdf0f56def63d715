package org.chatvault.protocol.account;

import java.util.List;

/**
 * {@code GET/PUT /v1/account/settings}: the account's lifecycle settings and what they mean for it now.
 *
 * @param inactivityMonths  after how many months without authenticated activity the account and all its data are deleted
 * @param choices           the periods that may be chosen, in months
 * @param lastActiveAt      the last activity recorded, epoch milliseconds (recorded about once an hour, not per request)
 * @param deleteIfUnusedAt  when the account is deleted if it is not used before then, epoch milliseconds
 */
public record AccountSettings(int inactivityMonths, List<Integer> choices, long lastActiveAt, long deleteIfUnusedAt) {}
