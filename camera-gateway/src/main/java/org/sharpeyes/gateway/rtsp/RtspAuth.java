package org.sharpeyes.gateway.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The {@code Authorization} header answering a camera's challenge: Basic, or Digest (RFC 2617 / 7616, MD5). */
final class RtspAuth {
    private RtspAuth() {
    }

    /**
     * Picks the strongest challenge we can answer (Digest MD5 over Basic) and answers it.
     *
     * @param cnonce client nonce, used only when the camera asks for qop=auth
     * @return the header value, or null when no challenge is one we support
     */
    static String authorization(List<AuthChallenge> challenges, String method, String uri, String user, String password,
                                String cnonce) {
        for (AuthChallenge c : challenges) {
            String algorithm = c.param("algorithm");
            if (c.scheme().equals("digest") && c.param("nonce") != null
                    && (algorithm == null || algorithm.equalsIgnoreCase("MD5"))) {
                return digest(c, method, uri, user, password, cnonce);
            }
        }
        for (AuthChallenge c : challenges) {
            if (c.scheme().equals("basic")) {
                return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            }
        }
        return null;
    }

    static String digest(AuthChallenge c, String method, String uri, String user, String password, String cnonce) {
        String realm = c.param("realm") == null ? "" : c.param("realm");
        String nonce = c.param("nonce");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        boolean qopAuth = c.param("qop") != null
                && List.of(c.param("qop").toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        String nc = "00000001";
        String response = qopAuth
                ? md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder sb = new StringBuilder("Digest username=\"").append(quote(user)).append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri))
                .append("\", response=\"").append(response).append('"');
        if (c.param("algorithm") != null) {
            sb.append(", algorithm=").append(c.param("algorithm"));
        }
        if (c.param("opaque") != null) {
            sb.append(", opaque=\"").append(quote(c.param("opaque"))).append('"');
        }
        if (qopAuth) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(quote(cnonce)).append('"');
        }
        return sb.toString();
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
