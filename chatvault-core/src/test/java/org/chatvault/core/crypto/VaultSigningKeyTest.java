package org.chatvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VaultSigningKeyTest {
    private static MasterKey mk(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return MasterKey.of(k);
    }

    @Test
    void the_same_master_key_gives_the_same_key_pair_and_another_gives_another() {
        try (MasterKey a = mk(1); MasterKey a2 = mk(1); MasterKey b = mk(2);
             VaultSigningKey ka = a.deriveSigningKey(); VaultSigningKey ka2 = a2.deriveSigningKey(); VaultSigningKey kb = b.deriveSigningKey()) {
            assertThat(ka.publicKey()).hasSize(32).isEqualTo(ka2.publicKey()).isNotEqualTo(kb.publicKey());
        }
    }

    @Test
    void a_signature_verifies_only_for_its_message_and_key() {
        byte[] msg = "commit".getBytes(StandardCharsets.UTF_8);
        try (MasterKey a = mk(1); MasterKey b = mk(2); VaultSigningKey ka = a.deriveSigningKey(); VaultSigningKey kb = b.deriveSigningKey()) {
            byte[] sig = ka.sign(msg);
            assertThat(sig).hasSize(64);
            assertThat(VaultSigningKey.verify(ka.publicKey(), msg, sig)).isTrue();
            assertThat(VaultSigningKey.verify(kb.publicKey(), msg, sig)).isFalse();
            assertThat(VaultSigningKey.verify(ka.publicKey(), "commiT".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
            byte[] flipped = sig.clone();
            flipped[10] ^= 1;
            assertThat(VaultSigningKey.verify(ka.publicKey(), msg, flipped)).isFalse();
            assertThat(VaultSigningKey.verify(ka.publicKey(), msg, new byte[63])).isFalse();
            assertThat(VaultSigningKey.verify(new byte[31], msg, sig)).isFalse();
            assertThat(VaultSigningKey.verify(null, msg, sig)).isFalse();
        }
    }

    @Test
    void known_answer_for_the_format_vector_master_key() {
        // MK = 32 bytes of 0x01; the public key pins the HKDF label and the RFC 8032 derivation.
        try (MasterKey a = mk(1); VaultSigningKey k = a.deriveSigningKey()) {
            assertThat(HexFormat.of().formatHex(k.publicKey())).isEqualTo(PINNED);
        }
    }

    @Test
    void a_derived_public_key_is_valid_and_small_order_or_malformed_ones_are_not() {
        try (MasterKey a = mk(1); VaultSigningKey k = a.deriveSigningKey()) {
            assertThat(VaultSigningKey.isValidPublicKey(k.publicKey())).isTrue();
        }
        byte[] identity = new byte[32];
        identity[0] = 1; // the neutral point (y = 1): of order 1, it would "verify" forged signatures
        assertThat(VaultSigningKey.isValidPublicKey(identity)).isFalse();
        byte[] notOnCurve = new byte[32];
        java.util.Arrays.fill(notOnCurve, (byte) 0xff);
        assertThat(VaultSigningKey.isValidPublicKey(notOnCurve)).isFalse();
        assertThat(VaultSigningKey.isValidPublicKey(new byte[31])).isFalse();
        assertThat(VaultSigningKey.isValidPublicKey(null)).isFalse();
    }

    @Test
    void closed_key_refuses_to_sign() {
        MasterKey a = mk(1);
        VaultSigningKey k = a.deriveSigningKey();
        k.close();
        assertThat(k.isDestroyed()).isTrue();
        assertThatThrownBy(() -> k.sign(new byte[1])).isInstanceOf(IllegalStateException.class);
        a.close();
    }

    // Computed independently with Python's cryptography package (HKDF-SHA256, Ed25519PrivateKey.from_private_bytes).
    private static final String PINNED = "4dc6a597ab2dce53670b8aa5dad4dbf50b7aaa4313021020fdfa9299efa20487";
}
