package org.chatvault.server.store.s3;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.server.storage.BlobNotFoundException;
import org.chatvault.server.store.BoundedInputStream;
import org.chatvault.server.store.ObjectKeys;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.storage.StorageTier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Packs in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, s3proxy). Stateless apart from the
 * HTTP client, so any number of server instances can share one bucket.
 *
 * <p>S3 writes are atomic per object: a single PUT or a completed multipart upload becomes
 * visible whole or not at all, which gives the all-or-nothing {@link #put} contract. Blobs
 * larger than the part size go up in parts; a failed multipart upload is aborted so no parts
 * are left billed in the bucket. Transient failures (throttling, 5xx, resets) are retried by the
 * SDK with exponential back-off and jitter.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);
    private static final int MAX_ATTEMPTS = S3Clients.MAX_ATTEMPTS;
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long partSize;
    /** The class of the cold tier, or null if there is none. */
    private final StorageClass coldClass;
    /** The class new blobs are written in; null for the bucket's default (STANDARD on AWS). */
    private final StorageClass writeClass;
    /** A view made by {@link #inTier} shares its parent's client and leaves closing it to the parent. */
    private final boolean ownsClient;

    S3ObjectStore(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.bucket = settings.bucket();
        this.prefix = normalizePrefix(settings.prefix());
        this.partSize = settings.partSizeBytes();
        this.coldClass = settings.coldTier() == null ? null : StorageClass.fromValue(settings.coldTier().storageClass());
        this.writeClass = null;
        this.ownsClient = true;
    }

    private S3ObjectStore(S3ObjectStore parent, StorageClass writeClass) {
        this.s3 = parent.s3;
        this.bucket = parent.bucket;
        this.prefix = parent.prefix;
        this.partSize = parent.partSize;
        this.coldClass = parent.coldClass;
        this.writeClass = writeClass;
        this.ownsClient = false;
    }

    /**
     * Connects and checks that the bucket is reachable with the given credentials, so a
     * misconfigured server fails at start-up rather than on the first upload.
     *
     * @throws UncheckedIOException if the bucket cannot be reached
     */
    public static S3ObjectStore open(S3Settings settings) {
        return new S3ObjectStore(S3Clients.connect(settings, List.of()), settings);
    }

    private static String normalizePrefix(String prefix) {
        if (prefix.isEmpty()) return "";
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        ObjectKeys.validate(p);
        return p + "/";
    }

    @Override
    public void put(String key, InputStream data, long length) throws IOException {
        if (length < 0) throw new IllegalArgumentException("negative length");
        String s3Key = s3Key(key);
        if (length <= partSize) {
            byte[] body = readExactly(data, (int) length, new byte[(int) length]);
            call(() -> s3.putObject(p -> p.bucket(bucket).key(s3Key).contentLength(length).storageClass(writeClass),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(body), length, CONTENT_TYPE)));
            return;
        }
        byte[] buffer = new byte[(int) partSize];
        uploadInParts(s3Key, length, (offset, size) -> {
            byte[] part = readExactly(data, size, buffer);
            return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, size), size, CONTENT_TYPE);
        });
    }

    /** Uploads straight from the file, without holding it in memory; parts are re-read on retry. */
    @Override
    public void put(String key, Path source) throws IOException {
        String s3Key = s3Key(key);
        long length = Files.size(source);
        if (length <= partSize) {
            call(() -> s3.putObject(p -> p.bucket(bucket).key(s3Key).contentLength(length).storageClass(writeClass),
                    RequestBody.fromFile(source)));
            return;
        }
        uploadInParts(s3Key, length, (offset, size) -> RequestBody.fromContentProvider(
                () -> openFileRange(source, offset, size), size, CONTENT_TYPE));
    }

    @FunctionalInterface
    private interface PartSource {
        RequestBody part(long offset, int size) throws IOException;
    }

    private void uploadInParts(String s3Key, long length, PartSource source) throws IOException {
        String uploadId = call(() -> s3.createMultipartUpload(c -> c.bucket(bucket).key(s3Key).contentType(CONTENT_TYPE)
                .storageClass(writeClass))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int partNumber = 1;
            for (long offset = 0; offset < length; offset += partSize, partNumber++) {
                int size = (int) Math.min(partSize, length - offset);
                RequestBody body = source.part(offset, size);
                int number = partNumber;
                String etag = call(() -> s3.uploadPart(u -> u.bucket(bucket).key(s3Key).uploadId(uploadId)
                        .partNumber(number).contentLength((long) size), body)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            call(() -> s3.completeMultipartUpload(c -> c.bucket(bucket).key(s3Key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(a -> a.bucket(bucket).key(s3Key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure); // the bucket's lifecycle rule for stale uploads cleans up
            }
            throw e;
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        String s3Key = s3Key(key);
        try {
            return s3.getObject(g -> g.bucket(bucket).key(s3Key));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
        String s3Key = s3Key(key);
        if (length == 0) {
            // HTTP cannot ask for zero bytes; the size check still applies.
            long size = head(key, s3Key).contentLength();
            if (offset > size) throw pastEnd(key, offset, length, size);
            return InputStream.nullInputStream();
        }
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = s3.getObject(g -> g.bucket(bucket).key(s3Key).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) throw pastEnd(key, offset, length, -1);
            throw failure(e);
        } catch (SdkException e) {
            throw failure(e);
        }
        // S3 answers a range that runs past the end with the bytes it has; the contract wants an error.
        Long got = in.response().contentLength();
        if (got == null || got != length) {
            in.abort();
            throw pastEnd(key, offset, length, got == null ? -1 : offset + got);
        }
        return in;
    }

    @Override
    public boolean delete(String key) throws IOException {
        String s3Key = s3Key(key);
        // S3's DELETE succeeds whether or not the key existed; ask first to report which it was.
        if (!exists(key)) return false;
        call(() -> s3.deleteObject(d -> d.bucket(bucket).key(s3Key)));
        return true;
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            head(key, s3Key(key));
            return true;
        } catch (BlobNotFoundException e) {
            return false;
        }
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return head(key, s3Key(key)).contentLength();
        } catch (BlobNotFoundException e) {
            return -1;
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        String full = prefix + keyPrefix;
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(full)).contents()) {
                keys.add(o.key().substring(prefix.length()));
            }
        } catch (SdkException e) {
            throw failure(e);
        }
        keys.sort(null);
        return keys;
    }

    /** Without a cold tier configured, every tier is the bucket's default class. */
    @Override
    public ObjectStore inTier(StorageTier tier) {
        StorageClass target = tier == StorageTier.COLD ? coldClass : null;
        return target == writeClass ? this : new S3ObjectStore(this, target);
    }

    /**
     * Copies the object onto itself in the tier's class (S3 changes a stored object's class no
     * other way but a lifecycle rule, which knows nothing of time buckets). Replacing the
     * metadata makes the copy legal even when the class is unchanged, so a repeat is harmless.
     * One CopyObject takes up to 5 GiB; packs are far smaller (a batch is at most 2 GiB).
     */
    @Override
    public void changeTier(String key, StorageTier tier) throws IOException {
        String s3Key = s3Key(key);
        if (tier == StorageTier.COLD && coldClass == null) {
            head(key, s3Key); // no cold tier: nothing to change, but the blob must be there
            return;
        }
        StorageClass target = tier == StorageTier.COLD ? coldClass : StorageClass.STANDARD;
        try {
            call(() -> s3.copyObject(c -> c.sourceBucket(bucket).sourceKey(s3Key).destinationBucket(bucket).destinationKey(s3Key)
                    .storageClass(target).metadataDirective(MetadataDirective.REPLACE).contentType(CONTENT_TYPE)));
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchKeyException
                    || (e.getCause() instanceof S3Exception s && s.statusCode() == 404)) throw new BlobNotFoundException(key);
            throw e;
        }
    }

    @Override
    public void close() {
        if (ownsClient) s3.close();
    }

    private HeadObjectResponse head(String key, String s3Key) throws IOException {
        try {
            return s3.headObject(h -> h.bucket(bucket).key(s3Key));
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) throw new BlobNotFoundException(key); // HEAD has no error body to name the code
            throw failure(e);
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    private String s3Key(String key) {
        ObjectKeys.validate(key);
        return prefix + key;
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs one S3 request (all of ours are idempotent). The SDK retries transient failures itself
     * but one: when the server has closed a pooled keep-alive connection, the URL-connection client
     * finds out while sending the body and throws an {@link UncheckedIOException}, which the SDK's
     * retry stage did not catch in 2.40 (seen in TwoInstancesTest); kept as a guard on any SDK
     * version. Without this, an
     * upload after an idle spell fails with a 500; the dead connection is dropped, so the next
     * attempt gets a live one.
     */
    private <T> T call(S3Call<T> call) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (SdkException e) {
                throw failure(e);
            } catch (UncheckedIOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IOException("S3 request to bucket " + bucket + " failed " + MAX_ATTEMPTS + " times: "
                            + e.getCause().getMessage(), e.getCause());
                }
                log.debug("S3 request to bucket {} failed on a reused connection, retrying: {}", bucket, e.getCause().toString());
            }
        }
    }

    private IOException failure(SdkException e) {
        return new IOException("S3 request to bucket " + bucket + " failed: " + e.getMessage(), e);
    }

    private static EOFException pastEnd(String key, long offset, long length, long size) {
        return new EOFException("range " + offset + "+" + length + " reaches past the end of " + key
                + (size >= 0 ? " (" + size + " bytes)" : ""));
    }

    private static byte[] readExactly(InputStream in, int length, byte[] into) throws IOException {
        int n = in.readNBytes(into, 0, length);
        if (n < length) throw new EOFException("blob data ended " + (length - n) + " bytes early");
        return into;
    }

    private static InputStream openFileRange(Path file, long offset, int size) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.position(offset);
            return new BoundedInputStream(Channels.newInputStream(ch), size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
