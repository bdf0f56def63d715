package org.chatvault.server.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.server.storage.BlobNotFoundException;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.storage.StorageTier;
import org.chatvault.server.testing.S3TestServer;
import org.chatvault.server.vault.ColdTierPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Writing to and moving into the cold storage class, against s3proxy. What the SDK sends is
 * recorded (the storage class header is the whole of the feature on AWS); where s3proxy keeps
 * it (on a PUT, not on a copy), what it stored is checked too.
 */
class S3ColdTierTest {
    @RegisterExtension static final S3TestServer.PerClass s3 = new S3TestServer.PerClass();
    private static final ColdTierPolicy POLICY = new ColdTierPolicy("STANDARD_IA", 6, 0);

    private final RecordingInterceptor requests = new RecordingInterceptor();
    private S3Settings settings;
    private S3ObjectStore store;

    private S3ObjectStore open(ColdTierPolicy policy) {
        settings = s3.server().newBucket(S3Settings.MIN_PART_SIZE).withColdTier(policy);
        store = new S3ObjectStore(S3Clients.connect(settings, List.of(requests)), settings);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }

    private StorageClass storedClass(String key) {
        try (S3Client admin = s3.server().client()) {
            return admin.headObject(h -> h.bucket(settings.bucket()).key(key)).storageClass();
        }
    }

    private byte[] read(String key) throws IOException {
        try (InputStream in = store.get(key)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aColdWriteAsksForTheColdClassAndAStandardOneForNone(@TempDir Path tmp) throws IOException {
        open(POLICY);
        ObjectStore cold = store.inTier(StorageTier.COLD);
        assertThat(store.inTier(StorageTier.STANDARD)).isSameAs(store);
        byte[] data = bytes(1000);
        cold.put("packs/a/cold", new ByteArrayInputStream(data), data.length);
        cold.adopt("packs/a/adopted", Files.write(tmp.resolve("pack"), data));
        store.put("packs/a/standard", new ByteArrayInputStream(data), data.length);

        assertThat(requests.sent(PutObjectRequest.class)).extracting(PutObjectRequest::key, PutObjectRequest::storageClass)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("packs/a/cold", StorageClass.STANDARD_IA),
                        org.assertj.core.groups.Tuple.tuple("packs/a/adopted", StorageClass.STANDARD_IA),
                        org.assertj.core.groups.Tuple.tuple("packs/a/standard", null));
        assertThat(tmp.resolve("pack")).doesNotExist();
        assertThat(storedClass("packs/a/cold")).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(storedClass("packs/a/standard")).isIn(StorageClass.STANDARD, null);
        assertThat(read("packs/a/cold")).isEqualTo(data);
        try (InputStream in = cold.getRange("packs/a/adopted", 10, 20)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 10, 30));
        }
    }

    @Test
    void aColdMultipartUploadAsksForTheColdClassWhenItStarts() throws IOException {
        open(POLICY);
        int size = (int) (S3Settings.MIN_PART_SIZE + 1);
        byte[] data = bytes(size);
        store.inTier(StorageTier.COLD).put("packs/a/big", new ByteArrayInputStream(data), size);

        assertThat(requests.sent(CreateMultipartUploadRequest.class)).singleElement()
                .extracting(CreateMultipartUploadRequest::storageClass).isEqualTo(StorageClass.STANDARD_IA);
        assertThat(read("packs/a/big")).isEqualTo(data);
    }

    @Test
    void changingTheTierCopiesTheObjectOntoItselfKeepingItsBytesAndCanBeRepeated() throws IOException {
        open(POLICY);
        byte[] data = bytes(5000);
        store.put("packs/a/p", new ByteArrayInputStream(data), data.length);

        store.changeTier("packs/a/p", StorageTier.COLD);
        store.changeTier("packs/a/p", StorageTier.COLD);

        assertThat(requests.sent(CopyObjectRequest.class)).hasSize(2).allSatisfy(c -> {
            assertThat(c.copySource()).isEqualTo(settings.bucket() + "/packs/a/p");
            assertThat(c.destinationKey()).isEqualTo("packs/a/p");
            assertThat(c.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
            assertThat(c.metadataDirective()).isEqualTo(MetadataDirective.REPLACE);
        });
        assertThat(read("packs/a/p")).isEqualTo(data);
        assertThat(store.list("packs/")).containsExactly("packs/a/p");
        // s3proxy 4.1 keeps the class a PUT asks for but not the one of a copy: the request is what AWS acts on.

        store.changeTier("packs/a/p", StorageTier.STANDARD);
        assertThat(requests.sent(CopyObjectRequest.class).getLast().storageClass()).isEqualTo(StorageClass.STANDARD);
        assertThat(read("packs/a/p")).isEqualTo(data);
    }

    @Test
    void changingTheTierOfNothingSaysSoAndCreatesNothing() {
        open(POLICY);
        assertThatThrownBy(() -> store.changeTier("packs/a/gone", StorageTier.COLD)).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("packs/a/gone");
        try (S3Client admin = s3.server().client()) {
            assertThat(admin.listObjectsV2(l -> l.bucket(settings.bucket())).contents()).isEmpty();
        }
    }

    @Test
    void withoutAColdTierEverythingIsWrittenStandardAndNothingIsCopied() throws IOException {
        open(null);
        assertThat(store.inTier(StorageTier.COLD)).isSameAs(store);
        byte[] data = bytes(100);
        store.inTier(StorageTier.COLD).put("packs/a/p", new ByteArrayInputStream(data), data.length);
        store.changeTier("packs/a/p", StorageTier.COLD);

        assertThat(requests.sent(PutObjectRequest.class)).singleElement().extracting(PutObjectRequest::storageClass).isNull();
        assertThat(requests.sent(CopyObjectRequest.class)).isEmpty();
        assertThatThrownBy(() -> store.changeTier("packs/a/none", StorageTier.COLD)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void closingAColdViewLeavesTheStoreOpen() throws IOException {
        open(POLICY);
        ((S3ObjectStore) store.inTier(StorageTier.COLD)).close();
        store.put("packs/a/after", new ByteArrayInputStream(new byte[] {1}), 1);
        assertThat(store.exists("packs/a/after")).isTrue();
    }
}
