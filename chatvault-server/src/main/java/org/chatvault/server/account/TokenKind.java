package org.chatvault.server.account;

/** Access tokens authorize calls for a short time; refresh tokens only mint new token pairs. */
public enum TokenKind {
    ACCESS, REFRESH
}
