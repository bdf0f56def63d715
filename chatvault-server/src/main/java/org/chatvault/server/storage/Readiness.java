package org.chatvault.server.storage;

import java.util.Optional;

/** Whether the stores a server needs answer now, for {@code /readyz}. */
@FunctionalInterface
public interface Readiness {
    /** @return what cannot be reached, in words without secrets, or empty when everything answers */
    Optional<String> unreachable();
}
