package org.chatvault.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.chatvault.server.billing.AppleStoreSettings;

/**
 * A stand-in for Apple's signing, made in the test: a root CA, an intermediate carrying Apple's
 * intermediate marker OID and a leaf carrying the App Store receipt-signing marker OID (EC P-256, as
 * Apple's), and JWS payloads (ES256, the chain in the {@code x5c} header) shaped like the App Store's
 * signed transactions, renewal infos and Server Notifications V2. Nothing here talks to Apple.
 */
public final class AppleTestStore {
    public static final String BUNDLE_ID = "org.chatvault.app";
    public static final long APP_APPLE_ID = 1_234_567_890L;
    public static final String ENVIRONMENT = "Sandbox";
    /** Apple's marker on the WWDR intermediate and on the App Store's receipt-signing leaf. */
    static final String INTERMEDIATE_OID = "1.2.840.113635.100.6.2.1";
    static final String LEAF_OID = "1.2.840.113635.100.6.11.1";
    private static final AtomicLong SERIAL = new AtomicLong(1);
    private static final AtomicLong TRANSACTION_IDS = new AtomicLong(2_000_000_000_000L);
    private static AppleTestStore shared;

    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final X509Certificate leaf;
    private final PrivateKey leafKey;

    private AppleTestStore(X509Certificate root, X509Certificate intermediate, X509Certificate leaf, PrivateKey leafKey) {
        this.root = root;
        this.intermediate = intermediate;
        this.leaf = leaf;
        this.leafKey = leafKey;
    }

    /** A store with a chain of its own: root, intermediate and leaf, each with its marker. */
    public static AppleTestStore create() {
        return create(true, null);
    }

    /** A store whose leaf and intermediate name {@code ocspUrl} as their revocation status responder, as Apple's do. */
    public static AppleTestStore withOcspResponder(String ocspUrl) {
        return create(true, ocspUrl);
    }

    /** One store for the whole JVM (certificates take a moment to make), for {@link RouteRequests}. */
    public static synchronized AppleTestStore shared() {
        if (shared == null) shared = create();
        return shared;
    }

    /** A store whose leaf lacks the receipt-signing OID: what any other certificate from the same CA would look like. */
    public static AppleTestStore withoutLeafMarker() {
        return create(false, null);
    }

    private static AppleTestStore create(boolean leafMarker, String ocspUrl) {
        try {
            KeyPair rootKeys = ecKeys();
            KeyPair intermediateKeys = ecKeys();
            KeyPair leafKeys = ecKeys();
            X500Name rootName = new X500Name("CN=Test Apple Root CA - G3,O=Chatvault Tests");
            X500Name intermediateName = new X500Name("CN=Test Apple Worldwide Developer Relations CA - G6,O=Chatvault Tests");
            X509Certificate root = certificate(rootName, rootKeys, rootName, rootKeys.getPrivate(), true, null, null);
            X509Certificate intermediate = certificate(intermediateName, intermediateKeys, rootName, rootKeys.getPrivate(), true, INTERMEDIATE_OID,
                    ocspUrl);
            X509Certificate leaf = certificate(new X500Name("CN=Test Prod ECC Mac App Store and iTunes Store Receipt Signing,O=Chatvault Tests"),
                    leafKeys, intermediateName, intermediateKeys.getPrivate(), false, leafMarker ? LEAF_OID : null, ocspUrl);
            return new AppleTestStore(root, intermediate, leaf, leafKeys.getPrivate());
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test certificate chain", e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey, boolean ca, String markerOid,
                                               String ocspUrl)
            throws IOException, GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        // Valid over every instant the tests' clocks visit, and today.
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.getAndIncrement()),
                Date.from(Instant.parse("2015-01-01T00:00:00Z")), Date.from(Instant.parse("2060-01-01T00:00:00Z")), subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (markerOid != null) b.addExtension(new ASN1ObjectIdentifier(markerOid), false, DERNull.INSTANCE);
        if (ocspUrl != null)
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    /** Writes this store's root (DER) to {@code dir}, as an operator stores Apple's. */
    public Path writeRoot(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "apple-root-", ".cer");
            Files.write(file, root.getEncoded());
            return file;
        } catch (IOException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings that trust this store's root, in the sandbox, with no online checks (nothing leaves the machine in tests). */
    public AppleStoreSettings settings(Path dir) {
        return new AppleStoreSettings(BUNDLE_ID, APP_APPLE_ID, "SANDBOX", List.of(writeRoot(dir)), false);
    }

    /** A fresh original transaction id, unique in the JVM. */
    public static String newTransactionId() {
        return Long.toString(TRANSACTION_IDS.getAndIncrement());
    }

    /** The claims of an auto-renewable subscription's signed transaction; adjust them before {@link #sign}. */
    public static Map<String, Object> transaction(String originalTransactionId, String productId, UUID appAccountToken, Instant purchased,
                                                  Instant expires) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("transactionId", newTransactionId());
        t.put("originalTransactionId", originalTransactionId);
        t.put("webOrderLineItemId", newTransactionId());
        t.put("bundleId", BUNDLE_ID);
        t.put("productId", productId);
        t.put("subscriptionGroupIdentifier", "21000000");
        t.put("purchaseDate", purchased.toEpochMilli());
        t.put("originalPurchaseDate", purchased.toEpochMilli());
        t.put("expiresDate", expires.toEpochMilli());
        t.put("quantity", 1);
        t.put("type", "Auto-Renewable Subscription");
        if (appAccountToken != null) t.put("appAccountToken", appAccountToken.toString());
        t.put("inAppOwnershipType", "PURCHASED");
        t.put("signedDate", purchased.toEpochMilli());
        t.put("environment", ENVIRONMENT);
        t.put("transactionReason", "PURCHASE");
        t.put("storefront", "CHN");
        t.put("storefrontId", "143465");
        t.put("price", 180000);
        t.put("currency", "CNY");
        return t;
    }

    /** The claims of a chain's signed renewal info. */
    public static Map<String, Object> renewalInfo(String originalTransactionId, String productId, boolean autoRenew, Instant gracePeriodExpires,
                                                  Instant signed) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("originalTransactionId", originalTransactionId);
        r.put("autoRenewProductId", productId);
        r.put("productId", productId);
        r.put("autoRenewStatus", autoRenew ? 1 : 0);
        if (gracePeriodExpires != null) {
            r.put("isInBillingRetryPeriod", true);
            r.put("gracePeriodExpiresDate", gracePeriodExpires.toEpochMilli());
        }
        r.put("signedDate", signed.toEpochMilli());
        r.put("environment", ENVIRONMENT);
        r.put("recentSubscriptionStartDate", signed.toEpochMilli());
        return r;
    }

    /** The claims of a Server Notification V2 whose data carries the signed transaction and renewal info (either may be null). */
    public static Map<String, Object> notification(String type, String subtype, String signedTransaction, String signedRenewalInfo, Instant signed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appAppleId", APP_APPLE_ID);
        data.put("bundleId", BUNDLE_ID);
        data.put("bundleVersion", "42");
        data.put("environment", ENVIRONMENT);
        if (signedTransaction != null) data.put("signedTransactionInfo", signedTransaction);
        if (signedRenewalInfo != null) data.put("signedRenewalInfo", signedRenewalInfo);
        data.put("status", 1);
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("notificationType", type);
        if (subtype != null) n.put("subtype", subtype);
        n.put("notificationUUID", UUID.randomUUID().toString());
        n.put("data", data);
        n.put("version", "2.0");
        n.put("signedDate", signed.toEpochMilli());
        return n;
    }

    /** Signs {@code claims} as the App Store does: ES256 over the JWS, this store's chain in {@code x5c}. */
    public String sign(Map<String, Object> claims) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "ES256");
            header.put("x5c", List.of(b64(leaf.getEncoded()), b64(intermediate.getEncoded()), b64(root.getEncoded())));
            String signingInput = url(Api.JSON.writeValueAsBytes(header)) + "." + url(Api.JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(leafKey);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url(s.sign());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] der) { return Base64.getEncoder().encodeToString(der); }

    private static String url(byte[] bytes) { return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); }
}
