package org.chatvault.protocol.object;

import java.util.List;

/**
 * {@code POST /v1/objects/relabel}: move content objects into month {@code bucket} (yyyymm).
 * {@code bucket} is boxed so the server tells an absent one from 0.
 */
public record RelabelRequest(Integer bucket, List<String> ids) {}
