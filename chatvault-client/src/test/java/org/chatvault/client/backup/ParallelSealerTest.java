package org.chatvault.client.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultKeys;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelSealerTest {
    private final MasterKey master = MasterKey.generate(new SecureRandom());
    private final VaultKeys keys = master.deriveVaultKeys();
    private final ObjectCodec sequential = new ObjectCodec(keys, new SecureRandom());

    @AfterEach
    void wipe() {
        master.close();
    }

    /** Plaintexts of very different sizes, so workers finish out of order. */
    private static List<byte[]> plaintexts(int n) {
        SplittableRandom random = new SplittableRandom(13);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            int words = i % 7 == 0 ? 20_000 : 1 + random.nextInt(200);
            for (int w = 0; w < words; w++) text.append("message ").append(i).append(' ').append(random.nextInt(1000)).append('\n');
            out.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void handsResultsAndStepsBackInSubmissionOrderWithTheSequentialIdsAndContent() {
        List<byte[]> plains = plaintexts(60);
        List<String> seen = new ArrayList<>();
        List<SealedObject> sealed = new ArrayList<>();
        try (ParallelSealer sealer = new ParallelSealer(() -> new ObjectCodec(keys, new SecureRandom()), 3, 4)) {
            for (int i = 0; i < plains.size(); i++) {
                int n = i;
                sealer.seal(ObjectKind.SEGMENT, 202401 + i % 12, plains.get(i), o -> {
                    seen.add("seal " + n);
                    sealed.add(o);
                });
                if (i % 5 == 4) sealer.then(() -> seen.add("step " + n));
            }
            sealer.finish();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < plains.size(); i++) {
            expected.add("seal " + i);
            if (i % 5 == 4) expected.add("step " + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        for (int i = 0; i < plains.size(); i++) {
            SealedObject o = sealed.get(i);
            assertThat(o.id()).isEqualTo(sequential.idOf(ObjectKind.SEGMENT, plains.get(i)));
            assertThat(o.bucket()).isEqualTo(202401 + i % 12);
            assertThat(sequential.open(o.id(), ObjectKind.SEGMENT, o.body())).isEqualTo(plains.get(i));
        }
    }

    @Test
    void aStepWithNothingPendingRunsAtOnce() {
        List<String> seen = new ArrayList<>();
        try (ParallelSealer sealer = new ParallelSealer(() -> new ObjectCodec(keys, new SecureRandom()), 1, 1)) {
            sealer.then(() -> seen.add("now"));
            assertThat(seen).containsExactly("now");
        }
    }

    @Test
    void aWorkersFailureSurfacesAsThrownAndNothingAfterItIsHandedBack() {
        List<byte[]> plains = plaintexts(20);
        List<Integer> handedBack = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        try (ParallelSealer sealer = new ParallelSealer(() -> new ObjectCodec(keys, new SecureRandom()), 2, 8)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < plains.size(); i++) {
                    int n = i;
                    // Object 10 is sealed with a bucket a segment cannot have: the codec refuses it on the worker.
                    sealer.seal(ObjectKind.SEGMENT, i == 10 ? 0 : 202401, plains.get(i), o -> handedBack.add(n));
                    sealer.then(() -> steps.add(n));
                }
                sealer.finish();
            }).isInstanceOf(IllegalArgumentException.class).hasMessage("SEGMENT objects need bucket");
        }
        assertThat(handedBack).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(steps).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void refusesAWindowSmallerThanItsWorkers() {
        assertThatThrownBy(() -> new ParallelSealer(() -> sequential, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
