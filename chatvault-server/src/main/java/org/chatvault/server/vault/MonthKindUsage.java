package org.chatvault.server.vault;

import org.chatvault.core.format.ObjectKind;

/** An account's objects of one bucket (yyyymm; 0 for structure kinds) and one kind, and their bytes. */
public record MonthKindUsage(int bucket, ObjectKind kind, long objects, long bytes) {}
