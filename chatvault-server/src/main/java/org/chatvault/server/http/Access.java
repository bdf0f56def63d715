package org.chatvault.server.http;

import io.javalin.security.RouteRole;

/**
 * Who may call a route (docs/API.md "Access"). Every route needs a bearer token unless it is
 * {@link #PUBLIC}: a route added later without thinking about access is closed, not open.
 */
public enum Access implements RouteRole {
    /** Anyone: health, registration, login, token refresh, the plan catalog. */
    PUBLIC,
    /**
     * Any session, including one that knows only the login password: usage, the subscription,
     * devices, asking for approval. Nothing here reads or changes the vault.
     */
    SESSION,
    /**
     * A session whose request carries a valid vault signature (docs/API.md "Signed requests"):
     * everything that reads or changes the vault or its keys.
     */
    VAULT
}
