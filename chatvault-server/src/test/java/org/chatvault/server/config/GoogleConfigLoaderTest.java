package org.chatvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.chatvault.server.billing.GooglePlaySettings;
import org.junit.jupiter.api.Test;

/** {@code billing.google.*}: all of the required ones or none, each checked with a one-line message. */
class GoogleConfigLoaderTest {
    private static final Map<String, String> COMPLETE = Map.of(
            "CHATVAULT_BILLING_GOOGLE_PACKAGE_NAME", "org.chatvault.app",
            "CHATVAULT_BILLING_GOOGLE_SERVICE_ACCOUNT_KEY", "/etc/chatvault/play.json",
            "CHATVAULT_BILLING_GOOGLE_PUSH_AUDIENCE", "https://chatvault.example/v1/billing/google/notifications",
            "CHATVAULT_BILLING_GOOGLE_PUSH_SERVICE_ACCOUNT", "rtdn-push@project.iam.gserviceaccount.com");

    private static GooglePlaySettings load(Map<String, String> env) {
        return ServerConfig.load(null, env).billing().google();
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = new HashMap<>(COMPLETE);
        if (value == null) m.remove(key);
        else m.put(key, value);
        return m;
    }

    @Test
    void absentMeansNotAcceptedAndCompleteMeansGooglesOwnEndpoints() {
        assertThat(load(Map.of())).isNull();
        GooglePlaySettings s = load(COMPLETE);
        assertThat(s.packageName()).isEqualTo("org.chatvault.app");
        assertThat(s.serviceAccountKey()).isEqualTo(Path.of("/etc/chatvault/play.json"));
        assertThat(s.pushAudience()).isEqualTo("https://chatvault.example/v1/billing/google/notifications");
        assertThat(s.pushServiceAccount()).isEqualTo("rtdn-push@project.iam.gserviceaccount.com");
        assertThat(s.apiRoot()).isEqualTo(GooglePlaySettings.DEFAULT_API_ROOT);
        assertThat(s.pushCertificates()).isEqualTo(GooglePlaySettings.DEFAULT_PUSH_CERTIFICATES);
        assertThat(load(with("CHATVAULT_BILLING_GOOGLE_API_ROOT", "http://127.0.0.1:9999/")).apiRoot()).isEqualTo(URI.create("http://127.0.0.1:9999/"));
    }

    @Test
    void aPartialOrMalformedSettingIsOneLine() {
        assertThatThrownBy(() -> load(with("CHATVAULT_BILLING_GOOGLE_PUSH_AUDIENCE", null))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("billing.google.push-audience").hasMessageContaining("is required");
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_GOOGLE_API_ROOT", "http://x.example/"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("billing.google.package-name");
        assertThatThrownBy(() -> load(with("CHATVAULT_BILLING_GOOGLE_PACKAGE_NAME", "chatvault"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not an Android package name");
        assertThatThrownBy(() -> load(with("CHATVAULT_BILLING_GOOGLE_PUSH_SERVICE_ACCOUNT", "nobody"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("service account e-mail");
        assertThatThrownBy(() -> load(with("CHATVAULT_BILLING_GOOGLE_PUSH_CERTIFICATES", "file:///etc/keys"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("http");
    }
}
