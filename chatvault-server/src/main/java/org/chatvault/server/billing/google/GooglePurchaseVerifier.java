package org.chatvault.server.billing.google;

import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.PurchaseVerifier;
import org.chatvault.server.billing.VerifiedPurchase;

/**
 * The {@link PurchaseVerifier} for Google Play: a purchase token is only as good as what Play says of it, so it is
 * read with {@code purchases.subscriptionsv2.get} and nothing the app claims is believed.
 */
public final class GooglePurchaseVerifier implements PurchaseVerifier {
    /** Play's tokens are a few hundred characters; anything far longer is not one. */
    static final int MAX_TOKEN_LENGTH = 4096;

    private final PlaySubscriptions play;

    public GooglePurchaseVerifier(PlaySubscriptions play) {
        this.play = play;
    }

    @Override
    public Provider provider() { return Provider.GOOGLE; }

    /** {@code proof} is the purchase token. */
    @Override
    public VerifiedPurchase verify(String accountId, String proof) {
        return read(accountId, proof, null).purchase();
    }

    /**
     * Play's word on {@code purchaseToken}, checked to be for {@code accountId} (or for no account).
     *
     * @param productId the product the app says it bought, or null
     * @throws BillingException.InvalidPurchase if the token is malformed or unknown to Play, grants nothing yet, is
     *         of another product, or Play links it to another account
     * @throws BillingException.ProviderUnavailable if Play could not be asked
     */
    public PlayPurchase read(String accountId, String purchaseToken, String productId) {
        PlayPurchase p = read(purchaseToken, productId);
        String linked = p.purchase().accountId();
        if (linked != null && !linked.equals(accountId))
            throw new BillingException.InvalidPurchase("this purchase was made for another account");
        return p;
    }

    /** Play's word on {@code purchaseToken}, for whichever account it names (store notifications). */
    PlayPurchase read(String purchaseToken, String productId) {
        checkToken(purchaseToken);
        return PlayPurchaseMapping.map(purchaseToken, play.get(purchaseToken), productId);
    }

    static void checkToken(String token) {
        if (token == null || token.isBlank()) throw new BillingException.InvalidPurchase("the purchase token is missing");
        if (token.length() > MAX_TOKEN_LENGTH) throw new BillingException.InvalidPurchase("the purchase token is too long to be one");
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_';
            if (!ok) throw new BillingException.InvalidPurchase("the purchase token has characters Play's tokens do not");
        }
    }
}
