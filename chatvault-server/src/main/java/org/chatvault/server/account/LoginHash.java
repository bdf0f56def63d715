package org.chatvault.server.account;

import org.chatvault.core.crypto.Argon2Params;

/**
 * An Argon2id hash of an account's login secret. The parameters are kept with the hash so the
 * operator can raise the cost for new accounts without locking out old ones.
 */
public record LoginHash(byte[] salt, byte[] hash, Argon2Params params) {}
