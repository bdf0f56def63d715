package org.chatvault.client.exporter;

import java.nio.file.Path;

/**
 * What an export wrote.
 *
 * @param mediaFiles    content files and thumbnails copied into the export
 * @param mediaMissing  attachments whose file this device does not hold (not restored, or never in the source export):
 *                      the export names them without a file
 */
public record ExportReport(Path directory, ExportFormat format, int conversations, long messages, long mediaFiles, long mediaMissing) {}
