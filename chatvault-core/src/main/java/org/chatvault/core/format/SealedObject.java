package org.chatvault.core.format;

/**
 * An encrypted object ready to upload. {@code bucket} is the UTC month (yyyymm) of the newest
 * message the object serves, or 0 for structure objects.
 */
public record SealedObject(ObjectId id, ObjectKind kind, int bucket, byte[] body) {}
