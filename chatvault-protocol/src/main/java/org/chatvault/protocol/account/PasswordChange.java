package org.chatvault.protocol.account;

/** {@code POST /v1/account/password}: the current and the new base64 login secrets (docs/FORMAT.md §5.6). */
public record PasswordChange(String currentLoginSecret, String newLoginSecret) {
    @Override public String toString() { return "PasswordChange[…]"; }
}
