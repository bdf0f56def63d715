package org.chatvault.protocol.object;

import java.util.List;

/** {@code POST /v1/objects/missing} and {@code /v1/objects/fetch}: at most 10,000 ids as lowercase hex. */
public record ObjectIds(List<String> ids) {}
