package org.chatvault.protocol.vault;

import java.util.List;

/** Objects of one month (yyyymm; 0 for structure objects) and their bytes, also by kind. */
public record UsageMonth(int month, long objects, long bytes, List<UsageKind> byKind) {}
