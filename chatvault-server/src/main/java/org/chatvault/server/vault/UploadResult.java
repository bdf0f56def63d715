package org.chatvault.server.vault;

/**
 * @param stored         objects newly stored
 * @param alreadyPresent frames skipped because the account held them or the batch repeated them
 * @param bytes          body bytes newly stored
 */
public record UploadResult(int stored, int alreadyPresent, long bytes) {}
