package org.chatvault.protocol.vault;

/** Objects of one kind ({@code segment}, {@code media_chunk}, {@code file_recipe}, {@code thumbnail}, {@code media_index}, …) and their bytes. */
public record UsageKind(String kind, long objects, long bytes) {}
