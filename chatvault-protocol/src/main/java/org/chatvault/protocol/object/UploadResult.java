package org.chatvault.protocol.object;

/** The answer to a batch upload: objects stored now, objects the account held already, bytes stored. */
public record UploadResult(int stored, int alreadyPresent, long bytes) {}
