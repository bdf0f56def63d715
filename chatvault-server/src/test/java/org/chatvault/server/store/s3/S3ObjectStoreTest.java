package org.chatvault.server.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.store.ObjectStoreContract;
import org.chatvault.server.testing.S3TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** The object store contract against a real S3 API (s3proxy), plus what only S3 has: parts, prefixes, buckets. */
class S3ObjectStoreTest extends ObjectStoreContract {
    @RegisterExtension static final S3TestServer.PerClass s3 = new S3TestServer.PerClass();
    private S3Settings settings;

    @Override
    protected ObjectStore newStore() {
        settings = s3.server().newBucket(S3Settings.MIN_PART_SIZE);
        return S3ObjectStore.open(settings);
    }

    @AfterEach
    void closeStore() {
        ((S3ObjectStore) store).close();
    }

    @Test
    void blobsLargerThanAPartGoUpInPartsAndReadBackWhole(@TempDir Path tmp) throws IOException {
        int size = (int) (2 * S3Settings.MIN_PART_SIZE + 12_345);
        byte[] data = bytes(size);
        store.put("packs/a/big", new ByteArrayInputStream(data), size);
        Path file = Files.write(tmp.resolve("big"), data);
        store.put("packs/a/big-from-file", file);
        for (String key : new String[] {"packs/a/big", "packs/a/big-from-file"}) {
            try (InputStream in = store.get(key)) {
                assertThat(in.readAllBytes()).as(key).isEqualTo(data);
            }
            long across = S3Settings.MIN_PART_SIZE - 10; // a range spanning the first part boundary
            try (InputStream in = store.getRange(key, across, 20)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, (int) across, (int) across + 20));
            }
        }
    }

    @Test
    void aMultipartUploadCutShortStoresNothingAndLeavesNoParts() throws IOException {
        long declared = 2 * S3Settings.MIN_PART_SIZE + 1;
        InputStream short1 = new SequenceInputStream(new ByteArrayInputStream(bytes((int) S3Settings.MIN_PART_SIZE)),
                new ByteArrayInputStream(bytes(1000)));
        assertThatThrownBy(() -> store.put("packs/a/cut-big", short1, declared)).isInstanceOf(IOException.class);
        assertThat(store.exists("packs/a/cut-big")).isFalse();
        try (S3Client admin = s3.server().client()) {
            assertThat(admin.listMultipartUploads(l -> l.bucket(settings.bucket())).uploads()).isEmpty();
        }
    }

    @Test
    void aPrefixKeepsDeploymentsApartInOneBucket() throws IOException {
        S3Settings a = new S3Settings(settings.endpoint(), settings.region(), settings.bucket(), "deploy-a",
                settings.accessKey(), settings.secretKey(), true, settings.partSizeBytes());
        S3Settings b = new S3Settings(settings.endpoint(), settings.region(), settings.bucket(), "deploy-b/",
                settings.accessKey(), settings.secretKey(), true, settings.partSizeBytes());
        try (S3ObjectStore storeA = S3ObjectStore.open(a); S3ObjectStore storeB = S3ObjectStore.open(b)) {
            storeA.put("packs/x/1", new ByteArrayInputStream(new byte[] {1}), 1);
            storeB.put("packs/x/1", new ByteArrayInputStream(new byte[] {2}), 1);
            try (InputStream in = storeA.get("packs/x/1")) {
                assertThat(in.readAllBytes()).containsExactly(1);
            }
            assertThat(storeA.list("")).containsExactly("packs/x/1");
            assertThat(storeB.delete("packs/x/1")).isTrue();
            assertThat(storeA.exists("packs/x/1")).isTrue();
        }
        try (S3Client admin = s3.server().client()) {
            assertThat(admin.listObjectsV2(l -> l.bucket(settings.bucket())).contents())
                    .extracting(o -> o.key()).containsExactly("deploy-a/packs/x/1");
        }
    }

    @Test
    void aMissingBucketOrWrongSecretFailsAtOpenWithAClearMessage() {
        S3Settings missing = s3.server().settings("no-such-bucket", S3Settings.DEFAULT_PART_SIZE);
        assertThatThrownBy(() -> S3ObjectStore.open(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no-such-bucket").hasMessageContaining("does not exist");
        S3Settings wrongSecret = new S3Settings(settings.endpoint(), settings.region(), settings.bucket(), "",
                settings.accessKey(), "not-the-secret", true, settings.partSizeBytes());
        assertThatThrownBy(() -> S3ObjectStore.open(wrongSecret)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot reach S3 bucket " + settings.bucket())
                .hasMessageNotContaining("not-the-secret");
    }
}
