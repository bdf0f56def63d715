package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.ServerJobs;
import org.chatvault.server.config.ObjectBackend;
import org.chatvault.server.jobs.JobResult;
import org.chatvault.server.store.s3.S3Settings;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.S3TestServer;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.ColdTierPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** A server on S3 with a cold tier: an upload of old months lands in the cold class, recent ones stay standard, reads work. */
class ColdStorageApiTest {
    @TempDir Path dir;

    @Test
    void anUploadOfOldMonthsGoesColdThroughTheApiAndReadsBack() throws Exception {
        try (S3TestServer s3 = S3TestServer.inMemory()) {
            S3Settings bucket = s3.newBucket().withColdTier(new ColdTierPolicy("STANDARD_IA", 6, 0));
            MutableClock clock = MutableClock.startingAt("2026-11-15T10:00:00Z");
            try (ServerFixture fx = new ServerFixture(dir, clock, c -> c.withObjects(new ObjectBackend.S3(bucket)))) {
                Api api = fx.api();
                Api.Session s = api.newSession("alice");
                TestObjects vault = new TestObjects(5);
                SealedObject old = vault.segment(202301, 2000);
                SealedObject recent = vault.segment(202611, 2000);
                assertThat(api.upload(s.access(), List.of(old)).status()).isEqualTo(200);
                assertThat(api.upload(s.access(), List.of(recent)).status()).isEqualTo(200);

                try (S3Client admin = s3.client()) {
                    List<S3Object> packs = admin.listObjectsV2(l -> l.bucket(bucket.bucket())).contents();
                    assertThat(packs).hasSize(2);
                    // S3 leaves the header out for STANDARD.
                    List<StorageClass> classes = packs.stream()
                            .map(p -> admin.headObject(h -> h.bucket(bucket.bucket()).key(p.key())).storageClass())
                            .map(c -> c == null ? StorageClass.STANDARD : c).toList();
                    assertThat(classes).containsExactlyInAnyOrder(StorageClass.STANDARD_IA, StorageClass.STANDARD);
                }
                assertThat(api.fetch(s.access(), Api.hex(List.of(old, recent))).body())
                        .as("read back from both classes").isEqualTo(TestObjects.batch(old, recent));
            }
        }
    }

    @Test
    void theOperatorsTierRunMovesWhatAgedAndPlansItFirst() throws Exception {
        try (S3TestServer s3 = S3TestServer.inMemory()) {
            S3Settings bucket = s3.newBucket().withColdTier(new ColdTierPolicy("STANDARD_IA", 6, 0));
            MutableClock clock = MutableClock.startingAt("2026-11-15T10:00:00Z");
            try (ServerFixture fx = new ServerFixture(dir, clock, c -> c.withObjects(new ObjectBackend.S3(bucket)))) {
                Api api = fx.api();
                Api.Session s = api.newSession("alice");
                SealedObject may = new TestObjects(6).segment(202605, 2000);
                assertThat(api.upload(s.access(), List.of(may)).status()).isEqualTo(200);
                assertThat(ServerJobs.runOnce(fx.config(), clock, "tier", false).describe().getFirst())
                        .as("May is still recent in November").contains("0 packs");

                clock.advance(java.time.Duration.ofDays(60)); // January 2027
                JobResult plan = ServerJobs.runOnce(fx.config(), clock, "tier", true);
                assertThat(plan.describe().getFirst()).startsWith("tier (dry run): 1 packs").contains("before 202607")
                        .contains("would be moved to STANDARD_IA");
                assertThat(ServerJobs.runOnce(fx.config(), clock, "tier", false).describe().getFirst())
                        .startsWith("tier: 1 packs").contains("moved to STANDARD_IA");
                assertThat(ServerJobs.runOnce(fx.config(), clock, "tier", false).describe().getFirst()).contains("0 packs");
                Api.Session later = api.signedLogin(s); // two months on, the first session has expired
                assertThat(api.fetch(later.access(), Api.hex(List.of(may))).body()).as("read back from the cold class")
                        .isEqualTo(TestObjects.batch(may));
            }
        }
    }
}
