package org.chatvault.protocol.object;

/** The answer to a relabel: how many objects moved and how many were in that bucket already. */
public record RelabelResult(int relabelled, int unchanged) {}
