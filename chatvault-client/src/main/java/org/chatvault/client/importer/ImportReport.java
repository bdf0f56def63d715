package org.chatvault.client.importer;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * What an import did.
 *
 * @param messagesRead  messages the export holds (those deleted here on purpose included: they stay deleted)
 * @param messagesAdded messages that were new here or replaced an older copy (0 for an export imported before)
 * @param files         attachment files copied in (each content once)
 * @param absentFiles   attachments the export names without holding the file
 */
public record ImportReport(Path source, ImportFormat format, ZoneId zone, int conversations, long messagesRead,
                           long messagesAdded, int files, int absentFiles) {}
