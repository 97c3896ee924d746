package org.sharpeyes.gateway.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * WS-Security UsernameToken with PasswordDigest = Base64(SHA1(nonce + created + password)), the
 * authentication every ONVIF device accepts. {@code created} must be in the device's clock, so
 * callers pass local time plus the offset learned from GetSystemDateAndTime.
 */
public final class WsSecurity {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WsSecurity() {
    }

    /** A Security header for {@code user} created at {@code created} (device time). */
    public static String header(String user, String password, Instant created) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String createdText = created.truncatedTo(ChronoUnit.MILLIS).toString();
        return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + Ns.WSSE + "\" xmlns:wsu=\"" + Ns.WSU + "\">"
                + "<wsse:UsernameToken><wsse:Username>" + Xml.escape(user) + "</wsse:Username>"
                + "<wsse:Password Type=\"" + Ns.PASSWORD_DIGEST + "\">" + digest(nonce, createdText, password) + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
                + "<wsu:Created>" + createdText + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    /** Base64(SHA1(nonce + created + password)), created exactly as sent on the wire. */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }
}
