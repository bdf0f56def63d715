/**
 * The Chatvault server. Start one with {@link org.chatvault.server.ChatvaultServer#start}; the
 * HTTP contract is docs/API.md.
 */
package org.chatvault.server;
