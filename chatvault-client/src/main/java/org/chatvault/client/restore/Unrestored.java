package org.chatvault.client.restore;

/**
 * History a restore could not bring back because the vault's copy is missing or damaged: one
 * conversation's month (or the whole conversation, {@code month} 0, when its index is unreadable).
 *
 * @param messages how many messages the lost object held, as its index records
 */
public record Unrestored(String conversationId, String title, int month, long messages, String reason) {
    /** One line for a person: which conversation, which month, how many messages, why. */
    public String describe() {
        String when = month == 0 ? "all history" : String.format("%04d-%02d", month / 100, month % 100);
        return String.format("conversation \"%s\" (%s), %s: %,d messages not restored — %s", title, conversationId, when, messages, reason);
    }
}
