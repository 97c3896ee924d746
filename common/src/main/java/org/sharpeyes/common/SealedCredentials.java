package org.sharpeyes.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * A camera's user and password, encrypted by the gateway's credential cipher. Opaque to every
 * other module: storage keeps it, nothing returns it through an API.
 *
 * @param keyId which configured key sealed it, so keys can be rotated
 */
public record SealedCredentials(String keyId, byte[] data) {
    public SealedCredentials {
        Objects.requireNonNull(keyId, "keyId");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedCredentials s && keyId.equals(s.keyId) && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SealedCredentials[keyId=" + keyId + "]";
    }
}
