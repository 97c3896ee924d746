package org.sharpeyes.gateway.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP Digest access authentication (RFC 7616, and RFC 2617/2069 as older cameras speak it) for one
 * accepted challenge: MD5, MD5-sess, SHA-256 and SHA-256-sess, with qop=auth or without qop. Kept by
 * the client after a 401 so later requests are authenticated at once, each with the next nonce count.
 */
public final class DigestAuth {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final Credentials credentials;
    private final String realm;
    private final String nonce;
    private final String opaque;
    private final String algorithm;
    private final boolean qopAuth;
    private final AtomicInteger count = new AtomicInteger();

    private DigestAuth(Credentials credentials, HttpAuth challenge) {
        this.credentials = credentials;
        this.realm = challenge.param("realm");
        this.nonce = challenge.param("nonce");
        this.opaque = challenge.param("opaque");
        this.algorithm = challenge.param("algorithm");
        this.qopAuth = challenge.param("qop") != null;
    }

    /** The first Digest challenge this class can answer, or null when none is offered. */
    public static DigestAuth accept(List<HttpAuth> challenges, Credentials credentials) {
        for (HttpAuth c : challenges) {
            if (c.is("Digest") && c.param("realm") != null && c.param("nonce") != null
                    && hashName(c.param("algorithm")) != null && offersAuth(c.param("qop"))) {
                return new DigestAuth(credentials, c);
            }
        }
        return null;
    }

    public String realm() {
        return realm;
    }

    /** The {@code Authorization} header value for one request; every call uses the next nonce count. */
    public String authorization(String method, String uri) {
        String nc = String.format("%08x", count.incrementAndGet());
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String cnonce = HEX.formatHex(random);
        String qop = qopAuth ? "auth" : null;
        String response = response(algorithm, credentials.user(), realm, credentials.password(), nonce, nc, cnonce, qop,
                method, uri);
        StringBuilder b = new StringBuilder("Digest username=").append(quote(credentials.user()))
                .append(", realm=").append(quote(realm)).append(", nonce=").append(quote(nonce))
                .append(", uri=").append(quote(uri)).append(", response=\"").append(response).append('"');
        if (algorithm != null) {
            b.append(", algorithm=").append(algorithm);
        }
        if (qop != null) {
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (opaque != null) {
            b.append(", opaque=").append(quote(opaque));
        }
        return b.toString();
    }

    /**
     * The request digest of RFC 7616 section 3.4.1; {@code qop} null is the RFC 2069 form. Null
     * {@code algorithm} means MD5. Servers (the simulator) check requests with the same function.
     */
    public static String response(String algorithm, String user, String realm, String password, String nonce, String nc,
                                  String cnonce, String qop, String method, String uri) {
        String hash = hashName(algorithm);
        if (hash == null) {
            throw new IllegalArgumentException("unsupported digest algorithm " + Xml.abbreviate(algorithm));
        }
        String ha1 = h(hash, user + ":" + realm + ":" + password);
        if (algorithm != null && algorithm.toLowerCase(Locale.ROOT).endsWith("-sess")) {
            ha1 = h(hash, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = h(hash, method + ":" + uri);
        return qop == null ? h(hash, ha1 + ":" + nonce + ":" + ha2)
                : h(hash, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** The JDK digest for a challenge's algorithm, or null when unsupported. */
    private static String hashName(String algorithm) {
        if (algorithm == null) {
            return "MD5";
        }
        return switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5", "MD5-SESS" -> "MD5";
            case "SHA-256", "SHA-256-SESS" -> "SHA-256";
            default -> null;
        };
    }

    /** Absent qop is RFC 2069; otherwise "auth" must be among the offered values (auth-int would need the body hash). */
    private static boolean offersAuth(String qop) {
        if (qop == null) {
            return true;
        }
        for (String q : qop.split(",")) {
            if (q.trim().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static String h(String hash, String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance(hash).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(hash + " is required of every JDK", e);
        }
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String toString() {
        return "DigestAuth[realm=" + realm + ", algorithm=" + (algorithm == null ? "MD5" : algorithm) + "]";
    }
}
