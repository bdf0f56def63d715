package org.chatvault.server.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.chatvault.server.store.s3.S3Settings;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server (s3proxy) on a free loopback port, in this JVM: in memory, or on disk
 * when given a directory. Requests are signed and checked (AWS v2/v4), as a real bucket would.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "chatvault-test";
    public static final String SECRET_KEY = "chatvault-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3TestServer(BlobStore blobStore) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            Thread.sleep(5);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Blobs held in memory; gone when the server stops. */
    public static S3TestServer inMemory() throws Exception {
        return new S3TestServer(new TransientNio2BlobStore());
    }

    /** Blobs kept as files under {@code dir}, for large loads. */
    public static S3TestServer onDisk(Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
        return new S3TestServer(BlobStores.create("filesystem", props));
    }

    /**
     * One in-memory server for a whole test class, started before its first test and stopped after
     * its last (s3proxy takes seconds to stop); each test makes a bucket of its own. Registered as
     * {@code @RegisterExtension static final S3TestServer.PerClass s3 = new S3TestServer.PerClass();}
     */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private S3TestServer server;

        @Override public void beforeAll(ExtensionContext context) throws Exception { server = inMemory(); }

        @Override public void afterAll(ExtensionContext context) throws Exception { server.close(); }

        public S3TestServer server() { return server; }
    }

    public URI endpoint() { return endpoint; }

    /** Creates a new, empty bucket with a unique name and returns settings that reach it. */
    public S3Settings newBucket(long partSizeBytes) {
        String bucket = "cv-" + UUID.randomUUID().toString().substring(0, 18);
        try (S3Client admin = client()) {
            admin.createBucket(b -> b.bucket(bucket));
        }
        return settings(bucket, partSizeBytes);
    }

    public S3Settings newBucket() { return newBucket(S3Settings.DEFAULT_PART_SIZE); }

    public S3Settings settings(String bucket, long partSizeBytes) {
        return new S3Settings(endpoint, REGION, bucket, "", ACCESS_KEY, SECRET_KEY, true, partSizeBytes);
    }

    /** A plain SDK client, for looking at the bucket from outside the store under test. */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
