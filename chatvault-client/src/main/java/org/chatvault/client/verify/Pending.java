package org.chatvault.client.verify;

/**
 * What this device holds of one conversation that the vault head does not (yet): messages never
 * backed up or edited since, and attachment files not in the vault. Not damage: the next backup
 * sends them.
 */
public record Pending(String conversationId, String title, long messages, long files) {
    public String describe() {
        return String.format("conversation \"%s\" (%s): %,d messages and %,d files not backed up yet", title, conversationId, messages, files);
    }
}
