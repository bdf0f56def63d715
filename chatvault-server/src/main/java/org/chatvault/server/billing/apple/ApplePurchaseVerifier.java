package org.chatvault.server.billing.apple;

import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import java.time.Clock;
import java.util.UUID;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.PurchaseVerifier;
import org.chatvault.server.billing.VerifiedPurchase;

/**
 * An App Store purchase as the app sends it: the signed transaction (JWS) StoreKit hands it, checked by
 * Apple's verifier. The transaction's {@code appAccountToken} must name the redeeming account
 * ({@link AppAccountToken}); one without a token (an offer code redeemed outside the app) is linked to
 * the account that sends it first, and to no other, since a chain is redeemed once.
 */
final class ApplePurchaseVerifier implements PurchaseVerifier {
    private final AppleSignedData signed;
    private final Clock clock;

    ApplePurchaseVerifier(AppleSignedData signed, Clock clock) {
        this.signed = signed;
        this.clock = clock;
    }

    @Override
    public Provider provider() { return Provider.APPLE; }

    @Override
    public VerifiedPurchase verify(String accountId, String signedTransaction) {
        JWSTransactionDecodedPayload t = signed.transaction(signedTransaction);
        UUID token = t.getAppAccountToken();
        if (token != null && !token.equals(AppAccountToken.of(accountId)))
            throw new BillingException.InvalidPurchase("this purchase was made for another account");
        return AppleTransactions.purchase(t, null, clock.instant());
    }
}
