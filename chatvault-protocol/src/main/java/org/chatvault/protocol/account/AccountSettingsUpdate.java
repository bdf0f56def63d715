package org.chatvault.protocol.account;

/** {@code PUT /v1/account/settings}: after how many months without use the account is deleted (1, 3, 6 or 12). */
public record AccountSettingsUpdate(Integer inactivityMonths) {}
