package org.sharpeyes.gateway.onvif.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharpeyes.gateway.onvif.DigestAuth;
import org.sharpeyes.gateway.onvif.HttpAuth;
import org.sharpeyes.gateway.onvif.OnvifException;

/**
 * The simulator's HTTP Digest check, as cameras do it: MD5 with qop=auth, nonces of its own (a
 * bounded set of recent ones), and each (nonce, nc, cnonce) accepted once.
 */
final class DigestGuard {
    static final String REALM = "SharpEyes Simulator";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEPT = 1024;

    /** Why a request was refused; {@code stale} means only the nonce was unknown (RFC 7616 stale=true). */
    record Refusal(String reason, boolean stale) {
    }

    private final String user;
    private final String password;
    private final Set<String> nonces = new LinkedHashSet<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final AtomicInteger challenges = new AtomicInteger();

    DigestGuard(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** Null when {@code authorization} is good for this request. */
    synchronized Refusal refusal(String method, String uri, String authorization) {
        if (authorization == null) {
            return new Refusal("no Authorization header", false);
        }
        HttpAuth a;
        try {
            List<HttpAuth> all = HttpAuth.parse(authorization);
            a = all.size() == 1 && all.get(0).is("Digest") ? all.get(0) : null;
        } catch (OnvifException e) {
            a = null;
        }
        if (a == null || a.param("response") == null || a.param("nc") == null || a.param("cnonce") == null
                || !"auth".equals(a.param("qop"))) {
            return new Refusal("not a Digest qop=auth Authorization", false);
        }
        if (!uri.equals(a.param("uri"))) {
            return new Refusal("uri does not match the request", false);
        }
        if (!nonces.contains(a.param("nonce"))) {
            return new Refusal("unknown or expired nonce", true);
        }
        String algorithm = a.param("algorithm");
        if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
            return new Refusal("algorithm is not MD5", false);
        }
        String expected = DigestAuth.response("MD5", user, REALM, password, a.param("nonce"), a.param("nc"),
                a.param("cnonce"), "auth", method, uri);
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                a.param("response").getBytes(StandardCharsets.US_ASCII));
        if (!match || !user.equals(a.param("username")) || !REALM.equals(a.param("realm"))) {
            return new Refusal("wrong user or password", false);
        }
        if (!remember(used, a.param("nonce") + ":" + a.param("nc") + ":" + a.param("cnonce"))) {
            return new Refusal("replayed nonce count", false);
        }
        return null;
    }

    /** A WWW-Authenticate value with a fresh nonce. */
    synchronized String challenge(boolean stale) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        remember(nonces, nonce);
        challenges.incrementAndGet();
        return "Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce + "\", opaque=\"sim\""
                + (stale ? ", stale=true" : "");
    }

    int challenges() {
        return challenges.get();
    }

    /** Forgets every nonce, as a camera does on reboot or nonce expiry. */
    synchronized void expireNonces() {
        nonces.clear();
    }

    private static boolean remember(Set<String> set, String value) {
        if (!set.add(value)) {
            return false;
        }
        if (set.size() > KEPT) {
            set.remove(set.iterator().next());
        }
        return true;
    }
}
