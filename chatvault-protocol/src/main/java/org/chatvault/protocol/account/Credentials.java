package org.chatvault.protocol.account;

/** {@code POST /v1/accounts} and {@code POST /v1/sessions}: a username and the base64 login secret derived from the passphrase. */
public record Credentials(String username, String loginSecret) {}
