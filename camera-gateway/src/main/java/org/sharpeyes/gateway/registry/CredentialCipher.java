package org.sharpeyes.gateway.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.sharpeyes.common.SealedCredentials;

/**
 * Seals camera logins with AES-256-GCM. Several keys may be known, each under an id; the active
 * one seals, any known one opens, so keys rotate without downtime: add a new key, make it
 * active, run {@link CameraRegistry#rotateCredentials()}, then drop the old key.
 *
 * <p>Sealed bytes are a random 12-byte nonce followed by the ciphertext and 16-byte tag. The
 * camera id is the associated data, so a sealed value copied onto another camera does not open.
 */
public final class CredentialCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final String ID_PATTERN = "[A-Za-z0-9._-]{1,32}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private CredentialCipher(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * @param keySpecs    {@code id:base64} entries, each a 32-byte key (config {@code gateway.credentialKeys})
     * @param activeKeyId the id that seals; may be null when exactly one key is given. With no
     *                    keys at all the cipher cannot seal or open, and says so when asked to.
     * @throws IllegalArgumentException naming the bad entry (by position and id, never the key)
     */
    public static CredentialCipher of(List<String> keySpecs, String activeKeyId) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (int i = 0; i < keySpecs.size(); i++) {
            String spec = keySpecs.get(i).strip();
            int colon = spec.indexOf(':');
            String where = "gateway.credentialKeys[" + i + "]";
            if (colon < 0 || !spec.substring(0, colon).matches(ID_PATTERN)) {
                throw new IllegalArgumentException(where + ": expected id:base64key with an id of 1-32 letters, digits, '.', '_' or '-'");
            }
            String id = spec.substring(0, colon);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(spec.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (id " + id + "): the key is not valid base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException(where + " (id " + id + "): the key must be " + KEY_BYTES + " bytes, got " + key.length);
            }
            if (keys.put(id, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException(where + ": key id " + id + " is given twice");
            }
        }
        String active = activeKeyId == null || activeKeyId.isBlank() ? null : activeKeyId.strip();
        if (active == null && keys.size() == 1) {
            active = keys.keySet().iterator().next();
        }
        if (active == null && !keys.isEmpty()) {
            throw new IllegalArgumentException("gateway.activeKeyId: required when several credential keys are given " + keys.keySet());
        }
        if (active != null && !keys.containsKey(active)) {
            throw new IllegalArgumentException("gateway.activeKeyId: '" + active + "' is not among the credential keys " + keys.keySet());
        }
        return new CredentialCipher(Map.copyOf(keys), active);
    }

    /** A fresh random key as a {@code id:base64} entry, e.g. for a demo node's data directory. */
    public static String newKeySpec(String id) {
        if (!id.matches(ID_PATTERN)) {
            throw new IllegalArgumentException("key id must be 1-32 letters, digits, '.', '_' or '-'");
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return id + ":" + Base64.getEncoder().encodeToString(key);
    }

    /** The id new credentials are sealed under, or null when no key is configured. */
    public String activeKeyId() {
        return activeKeyId;
    }

    /** @throws IllegalStateException when no key is configured */
    public SealedCredentials seal(UUID cameraId, Credentials credentials) {
        if (activeKeyId == null) {
            throw new IllegalStateException("cannot store camera credentials: no credential key is configured"
                    + " (set gateway.credentialKeys and gateway.activeKeyId)");
        }
        byte[] user = credentials.user().getBytes(StandardCharsets.UTF_8);
        byte[] password = credentials.password().getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(4 + user.length + password.length).putInt(user.length).put(user).put(password).array();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(cameraId));
            byte[] sealed = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plain.length))
                    .put(nonce).put(cipher.doFinal(plain)).array();
            return new SealedCredentials(activeKeyId, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** @throws IllegalStateException when the key id is not configured or the data does not open with it */
    public Credentials open(UUID cameraId, SealedCredentials sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("credentials of camera " + cameraId + " are sealed with key id '" + sealed.keyId()
                    + "', which is not configured (gateway.credentialKeys has " + keys.keySet() + ")");
        }
        byte[] data = sealed.data();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(aad(cameraId));
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
            byte[] user = new byte[plain.getInt()];
            plain.get(user);
            byte[] password = new byte[plain.remaining()];
            plain.get(password);
            return new Credentials(new String(user, StandardCharsets.UTF_8), new String(password, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("credentials of camera " + cameraId + " do not open with key id '" + sealed.keyId()
                    + "': wrong key under that id, or the stored value was altered");
        }
    }

    private static byte[] aad(UUID cameraId) {
        return ByteBuffer.allocate(16).putLong(cameraId.getMostSignificantBits()).putLong(cameraId.getLeastSignificantBits()).array();
    }
}
