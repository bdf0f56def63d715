package org.chatvault.server.store.s3;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach S3-compatible object storage (AWS S3, MinIO, Ceph RGW …).
 *
 * @param endpoint       the service URL, or null for AWS's regional endpoint
 * @param region         signing region, e.g. {@code us-east-1}
 * @param bucket         the bucket holding every pack
 * @param prefix         key prefix inside the bucket ("" for none), so one bucket can serve several deployments
 * @param accessKey      access key id
 * @param secretKey      secret access key (never logged)
 * @param pathStyle      path-style addressing ({@code endpoint/bucket/key}), needed by MinIO and s3proxy
 * @param partSizeBytes  multipart part size; blobs larger than this upload in parts (≥ 5 MiB, S3's minimum)
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                         boolean pathStyle, long partSizeBytes) {
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        prefix = prefix == null ? "" : prefix;
        if (bucket.isBlank()) throw new IllegalArgumentException("bucket must not be blank");
        if (partSizeBytes < MIN_PART_SIZE) throw new IllegalArgumentException("partSizeBytes must be at least 5 MiB");
    }

    @Override public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                + ", pathStyle=" + pathStyle + ", partSizeBytes=" + partSizeBytes + "]";
    }
}
