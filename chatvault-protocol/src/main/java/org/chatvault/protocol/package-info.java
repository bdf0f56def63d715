/**
 * The wire between the Chatvault client and server (docs/API.md): a record for every JSON body,
 * the error codes, the batch frame format and the JSON settings both sides parse with. The
 * OpenAPI document ({@code openapi.json} beside this package, served at {@code /v1/openapi.json})
 * describes the same records; a server test holds the two together.
 */
package org.chatvault.protocol;
