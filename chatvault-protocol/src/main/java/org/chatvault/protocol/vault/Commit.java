package org.chatvault.protocol.vault;

import java.util.List;

/**
 * {@code POST /v1/vault/commit}: move the head from {@code baseVersion} to {@code root}, if
 * nobody committed in between. {@code baseVersion} is boxed so the server tells an absent one
 * from 0; {@code added} and {@code dropped} may be absent (empty).
 */
public record Commit(Long baseVersion, String root, List<String> added, List<String> dropped) {}
