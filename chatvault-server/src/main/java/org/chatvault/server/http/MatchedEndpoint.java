package org.chatvault.server.http;

import io.javalin.security.RouteRole;

/**
 * The table row a route was registered from, carried as a second route role so that filters
 * running before the handler know which endpoint matched (its access, its body).
 */
record MatchedEndpoint(ApiEndpoint endpoint) implements RouteRole {

    /** The endpoint of the route the request matched; only for routes of the table. */
    static ApiEndpoint of(io.javalin.http.Context ctx) {
        for (RouteRole role : ctx.routeRoles()) if (role instanceof MatchedEndpoint m) return m.endpoint();
        throw new IllegalStateException("route " + ctx.method() + " " + ctx.path() + " was not registered from the table");
    }
}
