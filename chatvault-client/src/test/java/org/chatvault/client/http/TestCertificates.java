package org.chatvault.client.http;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority and a server certificate it signed, made with Bouncy Castle
 * when a test runs (nothing checked in), written as the PEM files an operator would give.
 */
public final class TestCertificates {
    /** The files of one CA and one server certificate for {@code localhost} and {@code 127.0.0.1}. */
    public record Files(Path caCert, Path serverCert, Path serverKey, Path otherKey) {}

    private TestCertificates() {}

    /**
     * Writes {@code ca.pem}, {@code server.pem} (the chain: server, then CA), {@code server-key.pem}
     * (RSA in PKCS#1, as older OpenSSL writes it) and an unrelated {@code other-key.pem} (EC in PKCS#8) into {@code dir}.
     */
    public static Files write(Path dir) throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair caKeys = ecKeys();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair serverKeys = rsa.generateKeyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=Chatvault Test CA");
        X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
        X509CertificateHolder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=localhost"), serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()));
        Files files = new Files(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-key.pem"), dir.resolve("other-key.pem"));
        pem(files.caCert(), ca);
        pem(files.serverCert(), server, ca);
        pem(files.serverKey(), serverKeys.getPrivate());
        pem(files.otherKey(), new JcaPKCS8Generator(ecKeys().getPrivate(), null)); // PKCS#8, where the server key is PKCS#1
        return files;
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static void pem(Path file, Object... objects) throws IOException {
        try (Writer w = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (Object o : objects) pem.writeObject(o);
        }
    }
}
