package org.chatvault.server.store.s3;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.chatvault.server.vault.ColdTierPolicy;
import software.amazon.awssdk.services.s3.model.StorageClass;

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
 * @param coldTier       which packs go to which colder storage class, or null to keep every pack in
 *                       the bucket's default class; its class is one of {@link #COLD_STORAGE_CLASSES}
 */
public record S3Settings(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                         boolean pathStyle, long partSizeBytes, ColdTierPolicy coldTier) {
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /**
     * The storage classes a cold pack may go to: cheaper than STANDARD and still read at once.
     * A restore reads whatever packs the user's history is in, there and then; a class whose
     * objects must first be restored (hours) would turn it into a failure.
     */
    public static final List<String> COLD_STORAGE_CLASSES = List.of(
            StorageClass.STANDARD_IA.toString(), StorageClass.ONEZONE_IA.toString(),
            StorageClass.GLACIER_IR.toString(), StorageClass.INTELLIGENT_TIERING.toString());

    public S3Settings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        prefix = prefix == null ? "" : prefix;
        if (bucket.isBlank()) throw new IllegalArgumentException("bucket must not be blank");
        if (partSizeBytes < MIN_PART_SIZE) throw new IllegalArgumentException("partSizeBytes must be at least 5 MiB");
        if (coldTier != null) checkColdStorageClass(coldTier.storageClass());
    }

    /** Settings that keep every pack in the bucket's default storage class. */
    public S3Settings(URI endpoint, String region, String bucket, String prefix, String accessKey, String secretKey,
                      boolean pathStyle, long partSizeBytes) {
        this(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, partSizeBytes, null);
    }

    public S3Settings withColdTier(ColdTierPolicy v) {
        return new S3Settings(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, partSizeBytes, v);
    }

    /**
     * Checks that {@code name} is a storage class cold packs may go to, and says why not in a
     * sentence an operator can act on.
     *
     * @return the name in S3's spelling (upper case)
     * @throws IllegalArgumentException if it is not one
     */
    public static String checkColdStorageClass(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (COLD_STORAGE_CLASSES.contains(upper)) return upper;
        StorageClass known = StorageClass.fromValue(upper);
        String why = switch (known) {
            case GLACIER, DEEP_ARCHIVE -> "holds objects that must be restored for hours before they can be read, and a restore"
                    + " reads packs at once; use GLACIER_IR (Glacier Instant Retrieval)";
            case STANDARD, REDUCED_REDUNDANCY -> "is not colder than the standard class packs are written in";
            case UNKNOWN_TO_SDK_VERSION -> "is not an S3 storage class";
            default -> "is not a storage class for objects in a general-purpose bucket";
        };
        throw new IllegalArgumentException(why + " (use one of " + String.join(", ", COLD_STORAGE_CLASSES) + ")");
    }

    @Override public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                + ", pathStyle=" + pathStyle + ", partSizeBytes=" + partSizeBytes + ", coldTier=" + coldTier + "]";
    }
}
