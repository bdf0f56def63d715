package org.chatvault.server.billing;

/**
 * One store's check of what an app sends after a purchase: Apple's signed transaction, Play's
 * purchase token, or an operator-signed receipt. Implementations hold no state about accounts.
 */
public interface PurchaseVerifier {
    Provider provider();

    /**
     * Verifies {@code proof} for {@code accountId} and returns the store's word on the purchase chain.
     *
     * @throws BillingException.InvalidPurchase if it does not verify, is for another app or environment, or is
     *         linked to another account
     * @throws BillingException.ProviderUnavailable if the store could not be asked
     */
    VerifiedPurchase verify(String accountId, String proof);
}
