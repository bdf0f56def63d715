package org.chatvault.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.MASTER_KEY;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.chatvault.core.crypto.MasterKey;
import org.junit.jupiter.api.Test;

/** A staged plaintext seals, in place, to exactly the body the ordinary path makes from the same bytes. */
class StagedPlaintextTest {
    private final ObjectCodec codec = new ObjectCodec(MasterKey.of(MASTER_KEY.clone()).deriveVaultKeys(), new SecureRandom());
    /** The same keys with a cipher of their own: the JDK refuses one cipher the same key and nonce twice, as a safeguard. */
    private final ObjectCodec ordinaryCodec = new ObjectCodec(MasterKey.of(MASTER_KEY.clone()).deriveVaultKeys(), new SecureRandom());

    @Test
    void sealsByteForByteAsAnUncompressedSealOfTheSameSlice() {
        SplittableRandom rnd = new SplittableRandom(13);
        // Sizes around the GCM slice (64 KiB) and a size class boundary, and a chunk as large as FastCDC cuts.
        for (int size : new int[] {0, 1, 15, 17, 255, 257, 65_536, 65_537, 1_000_003, 4 * 1024 * 1024}) {
            byte[] reader = new byte[size + 100];
            for (int i = 0; i < reader.length; i++) reader[i] = (byte) rnd.nextInt(256);
            byte[] plain = java.util.Arrays.copyOfRange(reader, 37, 37 + size);
            byte[] nonce = new byte[12];
            rnd.nextBytes(nonce);

            SealedObject staged = codec.sealStaged(ObjectKind.MEDIA_CHUNK, 202611, StagedPlaintext.copyOf(reader, 37, size), nonce.clone());
            SealedObject ordinary = ordinaryCodec.seal(ObjectKind.MEDIA_CHUNK, 202611, plain, false, nonce.clone());

            assertThat(staged.id()).as("size %d", size).isEqualTo(ordinary.id());
            assertThat(staged.body()).as("size %d", size).isEqualTo(ordinary.body());
            assertThat(codec.open(staged.id(), ObjectKind.MEDIA_CHUNK, staged.body())).isEqualTo(plain);
        }
    }

    @Test
    void aStructureKindSealsUnderItsOwnKeyAsTheOrdinaryPathDoes() {
        byte[] plain = "a recipe, say".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] nonce = new byte[12];
        SealedObject staged = codec.sealStaged(ObjectKind.CONVERSATION_INDEX, 0, StagedPlaintext.copyOf(plain, 0, plain.length), nonce.clone());
        assertThat(staged.body()).isEqualTo(ordinaryCodec.seal(ObjectKind.CONVERSATION_INDEX, 0, plain, false, nonce.clone()).body());
        assertThat(codec.open(staged.id(), ObjectKind.CONVERSATION_INDEX, staged.body())).isEqualTo(plain);
    }

    @Test
    void isSealedOnceOnly() {
        StagedPlaintext p = StagedPlaintext.copyOf(new byte[10], 0, 10);
        codec.sealStaged(ObjectKind.MEDIA_CHUNK, 202611, p);
        assertThatThrownBy(() -> codec.sealStaged(ObjectKind.MEDIA_CHUNK, 202611, p)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesWhatNoObjectMayHold() {
        assertThatThrownBy(() -> StagedPlaintext.copyOf(new byte[ObjectCodec.MAX_PLAINTEXT + 1], 0, ObjectCodec.MAX_PLAINTEXT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StagedPlaintext.copyOf(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> codec.sealStaged(ObjectKind.MEDIA_CHUNK, 0, StagedPlaintext.copyOf(new byte[1], 0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
