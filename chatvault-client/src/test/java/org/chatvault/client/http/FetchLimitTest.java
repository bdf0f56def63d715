package org.chatvault.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cuts fetch answers at its size limit: the client asks again for the rest, as
 * often as it takes, without counting the cut answers as failures (with no retries allowed at
 * all, a cut counted as a failure would end the fetch).
 */
class FetchLimitTest {
    @TempDir Path dir;

    @Test
    void cutAnswersAreFollowedUpWithoutCountingAsFailures() {
        // Smaller than any object: every answer holds exactly one.
        ServerConfig config = ServerConfig.forTesting(dir).withAbuse(AbuseLimits.forTesting().withMaxFetchAnswerBytes(64));
        try (ChatvaultServer server = ChatvaultServer.start(config, Clock.systemUTC())) {
            VaultApi api = new VaultApi(server.baseUri(), RetryPolicy.NONE);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String secretB64 = Base64.getEncoder().encodeToString(secret);

            List<SealedObject> objects = new ArrayList<>();
            try (MasterKey mk = MasterKey.generate(new SecureRandom()); VaultSigningKey signing = mk.deriveSigningKey()) {
                api.register("fetcher", secretB64, signing.publicKey());
                api.login("fetcher", secretB64);
                api.signWith(signing); // the vault routes serve signed requests only
                ObjectCodec codec = new ObjectCodec(mk.deriveVaultKeys(), new SecureRandom());
                for (int i = 0; i < 5; i++) objects.add(codec.seal(ObjectKind.SEGMENT, 202401, ("segment " + i).repeat(50).getBytes(), false));
                api.upload(objects);

            List<Integer> statuses = new CopyOnWriteArrayList<>();
            api.observe((endpoint, status, nanos) -> {
                if (endpoint.equals("POST /v1/objects/fetch")) statuses.add(status);
            });
            List<ObjectId> ask = new ArrayList<>();
            for (SealedObject o : objects) ask.add(o.id());
            ask.add(objects.get(0).id()); // a repeat: fetched once
            Map<ObjectId, Integer> delivered = new HashMap<>();
            api.fetch(ask, f -> delivered.merge(f.id(), 1, Integer::sum));

            assertThat(delivered).hasSize(5).allSatisfy((id, times) -> assertThat(times).as("delivered once").isEqualTo(1));
            assertThat(statuses).as("one object per answer, each answer a success").hasSize(5).containsOnly(200);
            }
        }
    }
}
