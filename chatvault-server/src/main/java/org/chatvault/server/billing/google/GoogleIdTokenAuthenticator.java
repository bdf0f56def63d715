package org.chatvault.server.billing.google;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.google.auth.oauth2.TokenVerifier;
import java.time.Clock;
import java.util.Set;
import org.chatvault.server.billing.GooglePlaySettings;

/**
 * Verifies the Google-signed OIDC ID token Pub/Sub puts on each push ({@code Authorization: Bearer ...}) with
 * google-auth-library's {@link TokenVerifier}: signed (RS256) by a key Google publishes at
 * {@link GooglePlaySettings#pushCertificates()}, not expired, for the configured audience, issued by Google, and
 * naming the configured push service account with a verified e-mail. The token is never logged or repeated.
 */
public final class GoogleIdTokenAuthenticator implements PushAuthenticator {
    private static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");
    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;
    private final String serviceAccount;

    public GoogleIdTokenAuthenticator(GooglePlaySettings settings, Clock clock) {
        NetHttpTransport transport = new NetHttpTransport();
        this.verifier = TokenVerifier.newBuilder()
                .setAudience(settings.pushAudience())
                .setCertificatesLocation(settings.pushCertificates().toString())
                .setHttpTransportFactory(() -> transport)
                .setClock(clock::millis)
                .build();
        this.serviceAccount = settings.pushServiceAccount();
    }

    @Override
    public void authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            throw new PushRejected("a push must carry Pub/Sub's OIDC token as a bearer token");
        JsonWebSignature jws;
        try {
            jws = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (TokenVerifier.VerificationException | RuntimeException e) {
            throw new PushRejected("the push token does not verify");
        }
        JsonWebToken.Payload claims = jws.getPayload();
        if (!ISSUERS.contains(claims.getIssuer())) throw new PushRejected("the push token was not issued by Google");
        if (!serviceAccount.equals(claims.get("email")) || !Boolean.TRUE.equals(claims.get("email_verified")))
            throw new PushRejected("the push token is not of the configured push service account");
    }
}
