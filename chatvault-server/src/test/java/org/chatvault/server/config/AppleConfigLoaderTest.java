package org.chatvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.server.billing.AppleStoreSettings;
import org.chatvault.server.testing.AppleTestStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code billing.apple.*} settings: absent means no App Store; present means complete, and never an environment Apple does not sign. */
class AppleConfigLoaderTest {
    @TempDir Path dir;
    private Path root;

    @BeforeEach
    void anAppleRootOnDisk() {
        root = AppleTestStore.shared().writeRoot(dir);
    }

    private Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("CHATVAULT_BILLING_APPLE_BUNDLE_ID", "org.chatvault.app");
        env.put("CHATVAULT_BILLING_APPLE_APP_APPLE_ID", "1234567890");
        env.put("CHATVAULT_BILLING_APPLE_ENVIRONMENT", "production");
        env.put("CHATVAULT_BILLING_APPLE_ROOT_CERTIFICATES", root.toString());
        return env;
    }

    @Test
    void noAppleSettingMeansNoAppStore() {
        assertThat(ServerConfig.load(null, Map.of()).billing().apple()).isNull();
    }

    @Test
    void aCompleteProductionSettingChecksOnline() {
        AppleStoreSettings s = ServerConfig.load(null, production()).billing().apple();
        assertThat(s).isEqualTo(new AppleStoreSettings("org.chatvault.app", 1_234_567_890L, "PRODUCTION", List.of(root), true));
    }

    @Test
    void theFileTakesSeveralRootsAndTheSandboxNeedsNoAppId() throws IOException {
        Path second = AppleTestStore.create().writeRoot(dir);
        Path file = Files.writeString(dir.resolve("server.properties"), """
                billing.apple.bundle-id = org.chatvault.app
                billing.apple.environment = SANDBOX
                billing.apple.root-certificates = %s, %s
                billing.apple.online-checks = false
                """.formatted(root, second));
        AppleStoreSettings s = ServerConfig.load(file, Map.of()).billing().apple();
        assertThat(s).isEqualTo(new AppleStoreSettings("org.chatvault.app", null, "SANDBOX", List.of(root, second), false));
    }

    @Test
    void theEnvironmentsWhoseSignaturesApplesVerifierSkipsAreRefused() {
        for (String unsigned : List.of("XCODE", "LOCAL_TESTING", "local-testing", "Xcode")) {
            Map<String, String> env = production();
            env.put("CHATVAULT_BILLING_APPLE_ENVIRONMENT", unsigned);
            assertThatThrownBy(() -> ServerConfig.load(null, env)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("CHATVAULT_BILLING_APPLE_ENVIRONMENT").hasMessageContaining("is refused")
                    .hasMessageContaining("PRODUCTION or SANDBOX").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        Map<String, String> env = production();
        env.put("CHATVAULT_BILLING_APPLE_ENVIRONMENT", "staging");
        assertThatThrownBy(() -> ServerConfig.load(null, env)).isInstanceOf(ConfigException.class).hasMessageContaining("PRODUCTION, SANDBOX");
    }

    @Test
    void aPartialOrWrongSettingNamesWhatIsWrong() throws IOException {
        Map<String, String> noRoot = production();
        noRoot.remove("CHATVAULT_BILLING_APPLE_ROOT_CERTIFICATES");
        assertThatThrownBy(() -> ServerConfig.load(null, noRoot)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("billing.apple.root-certificates").hasMessageContaining("required");

        Map<String, String> noAppId = production();
        noAppId.remove("CHATVAULT_BILLING_APPLE_APP_APPLE_ID");
        assertThatThrownBy(() -> ServerConfig.load(null, noAppId)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("billing.apple.app-apple-id").hasMessageContaining("PRODUCTION");

        Map<String, String> missingFile = production();
        missingFile.put("CHATVAULT_BILLING_APPLE_ROOT_CERTIFICATES", dir.resolve("AppleRootCA-G3.cer").toString());
        assertThatThrownBy(() -> ServerConfig.load(null, missingFile)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("AppleRootCA-G3.cer").hasMessageContaining("cannot be read");

        Map<String, String> notACertificate = production();
        notACertificate.put("CHATVAULT_BILLING_APPLE_ROOT_CERTIFICATES", Files.writeString(dir.resolve("notes.txt"), "hello").toString());
        assertThatThrownBy(() -> ServerConfig.load(null, notACertificate)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("not an X.509 certificate");

        Map<String, String> badBundle = production();
        badBundle.put("CHATVAULT_BILLING_APPLE_BUNDLE_ID", "chatvault");
        assertThatThrownBy(() -> ServerConfig.load(null, badBundle)).isInstanceOf(ConfigException.class).hasMessageContaining("bundle id");

        Map<String, String> badId = production();
        badId.put("CHATVAULT_BILLING_APPLE_APP_APPLE_ID", "-4");
        assertThatThrownBy(() -> ServerConfig.load(null, badId)).isInstanceOf(ConfigException.class).hasMessageContaining("Apple id");

        Map<String, String> badFlag = production();
        badFlag.put("CHATVAULT_BILLING_APPLE_ONLINE_CHECKS", "sometimes");
        assertThatThrownBy(() -> ServerConfig.load(null, badFlag)).isInstanceOf(ConfigException.class).hasMessageContaining("true or false");
    }
}
