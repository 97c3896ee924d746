package org.sharpeyes.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsArgon2idInPhcFormatWithFreshSalt() {
        String a = hasher.hash("correct horse".toCharArray());
        String b = hasher.hash("correct horse".toCharArray());
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
    }

    @Test
    void verifyAcceptsOnlyTheRightPassword() {
        String phc = hasher.hash("密码-Secret1".toCharArray());
        assertThat(hasher.verify("密码-Secret1".toCharArray(), phc)).isTrue();
        assertThat(hasher.verify("密码-secret1".toCharArray(), phc)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "not a hash")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
    }

    @Test
    void hashesMadeWithOtherParametersStillVerify() {
        String weak = new PasswordHasher(1024, 1, 1).hash("pw".toCharArray());
        assertThat(hasher.verify("pw".toCharArray(), weak)).isTrue();
    }
}
