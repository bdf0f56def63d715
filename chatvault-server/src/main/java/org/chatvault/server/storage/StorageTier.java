package org.chatvault.server.storage;

/**
 * How a blob is kept where the backend offers a choice of price: {@link #STANDARD} for what is
 * read often, {@link #COLD} for what is read rarely (on S3, the storage class the operator
 * configured, such as {@code STANDARD_IA} or {@code GLACIER_IR}: cheaper per byte-month, dearer
 * per read, billed for a minimum time and size, and still readable at once).
 */
public enum StorageTier { STANDARD, COLD }
