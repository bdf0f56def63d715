package org.chatvault.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible bucket for the pg-s3 setup: s3proxy inside the bench JVM on a loopback port,
 * blobs as files under a directory, with signed requests checked as a real S3 would. The keys
 * are made up per run, so nothing outside this run can use them.
 */
final class S3Bucket implements AutoCloseable {
    private static final String REGION = "us-east-1";
    private final S3Proxy proxy;
    private final URI endpoint;
    private final String bucket = "chatvault-load";
    private final String accessKey;
    private final String secretKey;

    S3Bucket(Path dir) throws Exception {
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        accessKey = "load-" + hex.formatHex(random.generateSeed(6));
        secretKey = hex.formatHex(random.generateSeed(20));
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", props))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        try (S3Client admin = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .build()) {
            admin.createBucket(b -> b.bucket(bucket));
        }
    }

    URI endpoint() { return endpoint; }

    /** The server settings that reach this bucket, as environment variables. */
    Map<String, String> serverSettings() {
        return Map.of("CHATVAULT_STORAGE_OBJECTS", "s3",
                "CHATVAULT_S3_ENDPOINT", endpoint.toString(),
                "CHATVAULT_S3_REGION", REGION,
                "CHATVAULT_S3_BUCKET", bucket,
                "CHATVAULT_S3_ACCESS_KEY", accessKey,
                "CHATVAULT_S3_SECRET_KEY", secretKey,
                "CHATVAULT_S3_PATH_STYLE", "true");
    }

    @Override public void close() throws Exception { proxy.stop(); }
}
