package org.chatvault.server.store.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** The SDK client an {@link S3ObjectStore} talks through, built from its settings. */
final class S3Clients {
    static final int MAX_ATTEMPTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private S3Clients() {}

    /**
     * A client whose credentials have been shown to reach the bucket.
     *
     * @throws UncheckedIOException if the bucket cannot be reached
     */
    static S3Client connect(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        S3Client client = newClient(settings, interceptors);
        try {
            client.headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            client.close();
            throw new UncheckedIOException(new IOException("S3 bucket " + settings.bucket() + " does not exist at "
                    + describeEndpoint(settings) + "; create it first", e));
        } catch (SdkException e) {
            client.close();
            throw new UncheckedIOException(new IOException("cannot reach S3 bucket " + settings.bucket() + " at "
                    + describeEndpoint(settings) + ": " + e.getMessage(), e));
        }
        return client;
    }

    /** @param interceptors see every request and response (tests record what was sent) */
    private static S3Client newClient(S3Settings settings, List<ExecutionInterceptor> interceptors) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .forcePathStyle(settings.pathStyle())
                // Flexible checksums only where S3 requires them: MinIO, Ceph and older gateways
                // reject the aws-chunked trailers the SDK would otherwise add to every PUT.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(MAX_ATTEMPTS)).executionInterceptors(interceptors));
        if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
        return builder.build();
    }

    static String describeEndpoint(S3Settings settings) {
        return settings.endpoint() != null ? settings.endpoint().toString() : "AWS region " + settings.region();
    }
}
