package org.sharpeyes.gateway.registry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A camera URL split into its address (normalised, without userinfo: what is stored, compared
 * for duplicates and shown) and the credentials its userinfo carried, percent-decoded.
 */
record CameraUrl(String address, Credentials credentials) {
    static final List<String> STREAM_SCHEMES = List.of("rtsp", "rtsps");
    static final List<String> ONVIF_SCHEMES = List.of("http", "https");
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("rtsp", 554, "rtsps", 322, "http", 80, "https", 443);
    private static final int MAX_LENGTH = 2048;
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /**
     * Parses {@code text}; on failure adds one error for {@code field} (never quoting the
     * userinfo) and returns null.
     */
    static CameraUrl parse(String field, String text, List<String> schemes, List<FieldError> errors) {
        try {
            return parse(text, schemes);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    /** The address with the credentials put back as percent-encoded userinfo. */
    static String withCredentials(String address, Credentials credentials) {
        if (credentials == null) {
            return address;
        }
        int hostStart = address.indexOf("://") + 3;
        return address.substring(0, hostStart) + encode(credentials.user()) + ":" + encode(credentials.password()) + "@"
                + address.substring(hostStart);
    }

    /** @throws IllegalArgumentException saying what is wrong, never quoting the userinfo */
    private static CameraUrl parse(String text, List<String> schemes) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) || Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("contains a space or control character");
            }
        }
        int schemeEnd = text.indexOf("://");
        String expected = "expected " + String.join(" or ", schemes) + "://host[:port]/path";
        if (schemeEnd <= 0) {
            throw new IllegalArgumentException("not a URL; " + expected);
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new IllegalArgumentException("scheme must be " + String.join(" or ", schemes));
        }
        String rest = text.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(rest, "/?#");
        // The last '@' ends the userinfo: passwords often hold an unencoded '@' (as in Urls.mask).
        String authority = rest.substring(0, authorityEnd);
        int at = authority.lastIndexOf('@');
        Credentials credentials = at < 0 ? null : userinfo(authority.substring(0, at));
        String hostPort = authority.substring(at + 1);
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            String after = close < 0 ? "" : hostPort.substring(close + 1);
            if (close < 0 || !IPV6.matcher(hostPort.substring(1, close)).matches() || !(after.isEmpty() || after.startsWith(":"))) {
                throw new IllegalArgumentException("malformed IPv6 host");
            }
            host = hostPort.substring(0, close + 1);
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? null : hostPort.substring(colon + 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("no host; " + expected);
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("malformed host name");
            }
        }
        StringBuilder address = new StringBuilder(scheme).append("://").append(host.toLowerCase(Locale.ROOT));
        if (port != null) {
            int number = PORT.matcher(port).matches() ? Integer.parseInt(port) : -1;
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("port must be a number from 1 to 65535");
            }
            if (number != DEFAULT_PORTS.get(scheme)) {
                address.append(':').append(number);
            }
        }
        return new CameraUrl(address.append(rest.substring(authorityEnd)).toString(), credentials);
    }

    private static Credentials userinfo(String userinfo) {
        int colon = userinfo.indexOf(':');
        try {
            return colon < 0 ? new Credentials(decode(userinfo), "")
                    : new Credentials(decode(userinfo.substring(0, colon)), decode(userinfo.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed percent-encoding in the user or password");
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes all but RFC 3986 unreserved characters, as FFmpeg decodes userinfo. */
    private static String encode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
