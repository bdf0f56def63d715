package org.chatvault.client.account;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PassphrasePolicyTest {
    private static final char[] PASSWORD = "Orbit-Tulip-Gravel".toCharArray();

    @Test
    void theLoginPasswordIsRefusedAsAPassphraseWhateverItsCaseAndBlanks() {
        for (String same : new String[] {"Orbit-Tulip-Gravel", "orbit-tulip-gravel", "  ORBIT-TULIP-GRAVEL "}) {
            assertThatThrownBy(() -> PassphrasePolicy.check(PASSWORD, same.toCharArray())).as(same)
                    .isInstanceOf(PassphrasePolicy.Refused.class)
                    .hasMessage("passphrase refused: it is the same as your login password; whoever learns the password must not also open your vault");
        }
    }

    @Test
    void aPassphraseBuiltOnTheLoginPasswordIsRefused() {
        assertThatThrownBy(() -> PassphrasePolicy.check(PASSWORD, "Orbit-Tulip-Gravel1!".toCharArray()))
                .isInstanceOf(PassphrasePolicy.Refused.class).hasMessageContaining("it contains your login password");
        assertThatThrownBy(() -> PassphrasePolicy.check(PASSWORD, "the orbit-tulip-gravel of my vault".toCharArray()))
                .as("inside longer words").isInstanceOf(PassphrasePolicy.Refused.class).hasMessageContaining("it contains your login password");
    }

    @Test
    void aWeakPassphraseIsRefusedWithTheEstimatorsReason() {
        assertThatThrownBy(() -> PassphrasePolicy.check(PASSWORD, "password123".toCharArray()))
                .isInstanceOf(PassphrasePolicy.Refused.class)
                .hasMessageStartingWith("passphrase refused: it is too easy to guess: This is a top-10 common password.")
                .hasMessageContaining("at least 2^50 are needed").hasMessageContaining("Add another word or two");
        assertThatThrownBy(() -> PassphrasePolicy.check(PASSWORD, "correct horse battery staple".toCharArray()))
                .isInstanceOf(PassphrasePolicy.Refused.class).hasMessageContaining("common password");
        assertThatThrownBy(() -> PassphrasePolicy.check(PASSWORD, "zzzzzzzzzzzzzzzzzzzzzzzz".toCharArray()))
                .isInstanceOf(PassphrasePolicy.Refused.class).hasMessageContaining("Repeats");
        assertThatThrownBy(() -> PassphrasePolicy.check(null, "qwertyuiop".toCharArray()))
                .as("no password to compare with: strength still counts").isInstanceOf(PassphrasePolicy.Refused.class);
    }

    @Test
    void aStrongPassphraseAndNoPassphraseAreAccepted() {
        assertThatCode(() -> PassphrasePolicy.check(PASSWORD, "violet harbour misty kettle".toCharArray())).doesNotThrowAnyException();
        assertThatCode(() -> PassphrasePolicy.check(PASSWORD, "battery staple under quiet lanterns".toCharArray())).doesNotThrowAnyException();
        assertThatCode(() -> PassphrasePolicy.check(PASSWORD, null)).as("no passphrase slot").doesNotThrowAnyException();
        assertThatCode(() -> PassphrasePolicy.check(PASSWORD, new char[0])).doesNotThrowAnyException();
    }

    @Test
    void thePassphraseIsNeverRepeatedInTheRefusal() {
        assertThatThrownBy(() -> PassphrasePolicy.check(PASSWORD, "sunshine77".toCharArray()))
                .isInstanceOf(PassphrasePolicy.Refused.class).message().doesNotContain("sunshine");
    }
}
