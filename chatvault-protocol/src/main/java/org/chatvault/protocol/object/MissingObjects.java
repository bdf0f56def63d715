package org.chatvault.protocol.object;

import java.util.List;

/** The answer to {@code POST /v1/objects/missing}: the asked-for ids the account does not hold. */
public record MissingObjects(List<String> missing) {}
