package org.chatvault.server.billing.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.androidpublisher.AndroidPublisher;
import com.google.api.services.androidpublisher.AndroidPublisherScopes;
import com.google.api.services.androidpublisher.model.SubscriptionPurchaseV2;
import com.google.api.services.androidpublisher.model.SubscriptionPurchasesAcknowledgeRequest;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.time.Duration;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.GooglePlaySettings;

/**
 * {@link PlaySubscriptions} through Google's official {@code androidpublisher} client, authorised as the configured
 * service account. Failures are turned into {@link BillingException}s whose messages carry Play's HTTP status but
 * never the request URL, which holds the purchase token.
 */
public final class AndroidPublisherSubscriptions implements PlaySubscriptions {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final AndroidPublisher client;
    private final String packageName;

    private AndroidPublisherSubscriptions(AndroidPublisher client, String packageName) {
        this.client = client;
        this.packageName = packageName;
    }

    /**
     * Reads the service account key and prepares the client; nothing is sent until the first call.
     *
     * @throws PlaySetupException if the key file is missing, readable by others or not a
     *         service account key
     */
    public static AndroidPublisherSubscriptions open(GooglePlaySettings settings) {
        NetHttpTransport transport = new NetHttpTransport();
        GoogleCredentials credentials = ServiceAccountKeyFile.read(settings.serviceAccountKey(), () -> transport)
                .createScoped(AndroidPublisherScopes.ANDROIDPUBLISHER);
        HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
        HttpRequestInitializer init = request -> {
            auth.initialize(request);
            request.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
            request.setReadTimeout((int) READ_TIMEOUT.toMillis());
        };
        AndroidPublisher client = new AndroidPublisher.Builder(transport, GsonFactory.getDefaultInstance(), init)
                .setRootUrl(settings.apiRoot().toString())
                .setApplicationName("chatvault")
                .build();
        return new AndroidPublisherSubscriptions(client, settings.packageName());
    }

    @Override
    public SubscriptionPurchaseV2 get(String purchaseToken) {
        try {
            return client.purchases().subscriptionsv2().get(packageName, purchaseToken).execute();
        } catch (IOException e) {
            throw failure("reading the purchase", e);
        }
    }

    @Override
    public void acknowledge(String productId, String purchaseToken) {
        try {
            client.purchases().subscriptions().acknowledge(packageName, productId, purchaseToken, new SubscriptionPurchasesAcknowledgeRequest())
                    .execute();
        } catch (IOException e) {
            throw failure("acknowledging the purchase", e);
        }
    }

    private static BillingException failure(String what, IOException e) {
        if (e instanceof HttpResponseException http) {
            int status = http.getStatusCode();
            String reason = e instanceof GoogleJsonResponseException g && g.getDetails() != null ? g.getDetails().getMessage() : null;
            String said = " (HTTP " + status + (reason == null ? "" : ": " + reason) + ")";
            // No cause: the exception's message repeats the URL, and with it the token.
            return switch (status) {
                case 400, 404, 410 -> new BillingException.InvalidPurchase("Google Play does not know this purchase token" + said);
                case 401, 403 -> new BillingException.ProviderUnavailable(
                        "Google Play refused the server's service account while " + what + said + "; check its access in the Play Console", null);
                default -> new BillingException.ProviderUnavailable("Google Play failed while " + what + said + "; try again later", null);
            };
        }
        return new BillingException.ProviderUnavailable("Google Play could not be reached while " + what + ": " + e.getClass().getSimpleName(),
                e);
    }
}
