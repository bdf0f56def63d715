package org.chatvault.server.billing;

/**
 * A purchase or store notification the server refuses; mapped to its status and wire code in
 * {@code http/ErrorMapping}. The message is safe to show the client: it never repeats a token,
 * receipt or signed payload.
 */
public abstract sealed class BillingException extends RuntimeException {
    private BillingException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The receipt, signed transaction, purchase token or notification does not verify or is malformed. */
    public static final class InvalidPurchase extends BillingException {
        public InvalidPurchase(String message) { super(message, null); }
        public InvalidPurchase(String message, Throwable cause) { super(message, cause); }
    }

    /** The store transaction was linked to an account before (this one or another). */
    public static final class AlreadyRedeemed extends BillingException {
        public AlreadyRedeemed(String message) { super(message, null); }
    }

    /** A verified purchase of a product no catalog version sells. */
    public static final class UnknownProduct extends BillingException {
        public UnknownProduct(Provider provider, String productId) {
            super(provider.wireName() + " product '" + productId + "' is not in the catalog", null);
        }
    }

    /** The operator did not configure this provider. */
    public static final class NotConfigured extends BillingException {
        public NotConfigured(Provider provider) { super(provider.wireName() + " purchases are not accepted by this server", null); }
    }

    /** The store could not be asked (network, its outage); nothing was changed. */
    public static final class ProviderUnavailable extends BillingException {
        public ProviderUnavailable(String message, Throwable cause) { super(message, cause); }
    }
}
