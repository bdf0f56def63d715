package org.chatvault.server.http;

import io.javalin.security.RouteRole;

/**
 * Route roles. Every route needs a bearer token unless registered with {@link #PUBLIC}: a route
 * added later without thinking about access is closed, not open.
 */
enum Access implements RouteRole {
    PUBLIC
}
