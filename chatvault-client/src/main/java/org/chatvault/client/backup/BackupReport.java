package org.chatvault.client.backup;

import java.time.Duration;

/**
 * What one backup did. {@code version} is the committed head (unchanged when there was nothing to
 * do); {@code messagesMerged} and {@code bytesPulled} are what it first pulled from other devices.
 */
public record BackupReport(long version, int conversationsChanged, long messagesEncoded, int segmentsWritten,
                           long objectsUploaded, long bytesUploaded, long objectsAlreadyPresent, long messagesMerged,
                           long bytesPulled, Duration elapsed) {}
