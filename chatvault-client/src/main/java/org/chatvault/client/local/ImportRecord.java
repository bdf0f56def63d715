package org.chatvault.client.local;

/**
 * One import from another app's export, as the LocalStore remembers it: when, from where, in which
 * format, and the time zone its zone-less local times were read in.
 */
public record ImportRecord(long importedAt, String source, String format, String zone, long messagesRead, long messagesAdded) {}
