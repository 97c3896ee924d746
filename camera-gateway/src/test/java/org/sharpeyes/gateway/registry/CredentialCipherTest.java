package org.sharpeyes.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.SealedCredentials;

class CredentialCipherTest {
    static final String K1 = CredentialCipher.newKeySpec("k1");
    static final String K2 = CredentialCipher.newKeySpec("k2");
    final UUID camera = UUID.randomUUID();
    final Credentials login = new Credentials("管理员", "Sup3r:secret@42");

    @Test
    void sealedLoginsOpenOnlyForTheSameCameraAndHoldNoClearText() {
        CredentialCipher cipher = CredentialCipher.of(List.of(K1), null);

        SealedCredentials a = cipher.seal(camera, login);
        SealedCredentials b = cipher.seal(camera, login);

        assertThat(cipher.open(camera, a)).isEqualTo(login);
        assertThat(a).isNotEqualTo(b); // a fresh nonce every time
        assertThat(new String(a.data(), StandardCharsets.ISO_8859_1)).doesNotContain("Sup3r").doesNotContain("secret");
        assertThat(a.data()).hasSize(12 + 4 + "管理员".getBytes(StandardCharsets.UTF_8).length + 15 + 16);
        assertThat(a.toString() + login).doesNotContain("secret").doesNotContain("管理员");
        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), a)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("do not open with key id 'k1'");
        byte[] tampered = a.data();
        tampered[20] ^= 1;
        assertThatThrownBy(() -> cipher.open(camera, new SealedCredentials("k1", tampered))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong key under that id, or the stored value was altered");
    }

    @Test
    void theActiveKeySealsAndEveryKnownKeyOpens() {
        SealedCredentials underK1 = CredentialCipher.of(List.of(K1), "k1").seal(camera, login);
        CredentialCipher rotated = CredentialCipher.of(List.of(K1, K2), "k2");

        assertThat(rotated.open(camera, underK1)).isEqualTo(login);
        assertThat(rotated.seal(camera, login).keyId()).isEqualTo("k2");
        assertThatThrownBy(() -> CredentialCipher.of(List.of(K2), null).open(camera, underK1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("credentials of camera " + camera + " are sealed with key id 'k1', which is not configured"
                        + " (gateway.credentialKeys has [k2])");
        String k1Reused = "k1:" + K2.substring(3);
        assertThatThrownBy(() -> CredentialCipher.of(List.of(k1Reused), null).open(camera, underK1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not open with key id 'k1'");
    }

    @Test
    void badKeyConfigurationIsRefusedNamingTheEntryButNotTheKey() {
        String shortKey = "k3:" + Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> CredentialCipher.of(List.of(K1, shortKey), "k1")).hasMessage(
                "gateway.credentialKeys[1] (id k3): the key must be 32 bytes, got 16");
        assertThatThrownBy(() -> CredentialCipher.of(List.of("k4:not*base64"), null)).hasMessage(
                "gateway.credentialKeys[0] (id k4): the key is not valid base64");
        assertThatThrownBy(() -> CredentialCipher.of(List.of(K1.substring(3)), null)).hasMessageStartingWith(
                "gateway.credentialKeys[0]: expected id:base64key").hasMessageNotContaining(K1.substring(3));
        assertThatThrownBy(() -> CredentialCipher.of(List.of(K1, K1), "k1")).hasMessage(
                "gateway.credentialKeys[1]: key id k1 is given twice");
        assertThatThrownBy(() -> CredentialCipher.of(List.of(K1, K2), null)).hasMessageStartingWith(
                "gateway.activeKeyId: required when several credential keys are given");
        assertThatThrownBy(() -> CredentialCipher.of(List.of(K1), "k9")).hasMessage(
                "gateway.activeKeyId: 'k9' is not among the credential keys [k1]");
    }

    @Test
    void withoutKeysNothingIsSealedAndTheErrorSaysWhatToConfigure() {
        CredentialCipher none = CredentialCipher.of(List.of(), null);

        assertThat(none.activeKeyId()).isNull();
        assertThatThrownBy(() -> none.seal(camera, login)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no credential key is configured (set gateway.credentialKeys and gateway.activeKeyId)");
    }
}
