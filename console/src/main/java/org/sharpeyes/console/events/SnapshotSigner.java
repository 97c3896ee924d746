package org.sharpeyes.console.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sharpeyes.common.SnapshotStore;

/**
 * Snapshot links are handed out only inside in-scope answers, as {@code key~signature} where the
 * signature binds the key to the user it was given to. So {@code /api/snapshots/…} enforces scope
 * without finding the event a file belongs to, and a link passed to another user does not open.
 * The secret lives for the process: after a restart the page fetches its results again.
 */
public final class SnapshotSigner {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** One keyed Mac per thread: a search page signs two links per event, and a Mac lookup costs more than the MAC. */
    private final ThreadLocal<Mac> macs;

    public SnapshotSigner() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        SecretKeySpec secret = new SecretKeySpec(key, "HmacSHA256");
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The link token for a stored key, or null for none. */
    public String sign(long userId, String key) {
        return key == null ? null : key + "~" + mac(userId, key);
    }

    /** The snapshot key when the token was signed for this user, else null. */
    public String verify(long userId, String token) {
        int at = token == null ? -1 : token.indexOf('~');
        if (at < 0) {
            return null;
        }
        String key = token.substring(0, at);
        if (!SnapshotStore.KEY.matcher(key).matches()) {
            return null;
        }
        byte[] expected = mac(userId, key).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.substring(at + 1).getBytes(StandardCharsets.US_ASCII)) ? key : null;
    }

    private String mac(long userId, String key) {
        Mac mac = macs.get(); // doFinal leaves it reset for the next use
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal((userId + ":" + key).getBytes(StandardCharsets.US_ASCII)));
    }
}
