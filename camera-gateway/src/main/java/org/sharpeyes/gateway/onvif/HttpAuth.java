package org.sharpeyes.gateway.onvif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;

/**
 * One challenge of a {@code WWW-Authenticate} header, or the credentials of an {@code Authorization}
 * header (RFC 7235: a scheme followed by a token68 or by comma-separated auth-params). Parameter
 * names are case-insensitive and kept in lower case; quoted values are unescaped.
 *
 * @param token68 null unless the scheme carries a token68 instead of parameters
 */
public record HttpAuth(String scheme, String token68, Map<String, String> params) {
    /** Longer headers are refused before parsing: a camera has no reason to send one. */
    static final int MAX_CHARS = 8192;
    static final int MAX_PARAMS = 64;

    public HttpAuth {
        params = Map.copyOf(params);
    }

    /** The value of the parameter named {@code name} (any case), or null. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean is(String schemeName) {
        return scheme.equalsIgnoreCase(schemeName);
    }

    /** Every challenge in {@code header}, in order; anything unreadable is {@link Kind#MALFORMED}. */
    public static List<HttpAuth> parse(String header) {
        if (header.length() > MAX_CHARS) {
            throw new OnvifException(Kind.MALFORMED, "unreadable authentication header: longer than " + MAX_CHARS + " characters");
        }
        return new Parser(header).all();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        List<HttpAuth> all() {
            List<HttpAuth> out = new ArrayList<>();
            while (true) {
                skipListSeparators();
                if (i == s.length()) {
                    if (out.isEmpty()) {
                        throw error("no authentication scheme");
                    }
                    return out;
                }
                out.add(one());
            }
        }

        private HttpAuth one() {
            String scheme = token("an authentication scheme");
            int afterScheme = i;
            skipWhitespace();
            if (i == s.length() || s.charAt(i) == ',') {
                return new HttpAuth(scheme, null, Map.of());
            }
            if (i == afterScheme) {
                throw error("expected a space after the scheme");
            }
            String token68 = token68();
            if (token68 != null) {
                return new HttpAuth(scheme, token68, Map.of());
            }
            Map<String, String> params = new LinkedHashMap<>();
            do {
                String name = token("a parameter name").toLowerCase(Locale.ROOT);
                skipWhitespace();
                expect('=');
                skipWhitespace();
                String value = i < s.length() && s.charAt(i) == '"' ? quoted() : token("a parameter value");
                if (params.put(name, value) != null) {
                    throw error("parameter " + Xml.abbreviate(name) + " given twice");
                }
                if (params.size() > MAX_PARAMS) {
                    throw error("more than " + MAX_PARAMS + " parameters");
                }
                skipWhitespace();
                if (i < s.length() && s.charAt(i) != ',') {
                    throw error("expected ',' between parameters");
                }
                skipListSeparators();
            } while (nextIsParameter());
            return new HttpAuth(scheme, null, params);
        }

        /** A token68 when the rest of this challenge is exactly one; else null and nothing consumed. */
        private String token68() {
            int j = i;
            while (j < s.length() && (isToken68(s.charAt(j)))) {
                j++;
            }
            if (j == i) {
                return null;
            }
            while (j < s.length() && s.charAt(j) == '=') {
                j++;
            }
            int end = j;
            while (j < s.length() && isWhitespace(s.charAt(j))) {
                j++;
            }
            if (j < s.length() && s.charAt(j) != ',') {
                return null;
            }
            String t = s.substring(i, end);
            i = end;
            return t;
        }

        /** At {@code token BWS "="}: the next parameter of the current challenge rather than a new challenge. */
        private boolean nextIsParameter() {
            int j = i;
            while (j < s.length() && isTchar(s.charAt(j))) {
                j++;
            }
            if (j == i) {
                return false;
            }
            while (j < s.length() && isWhitespace(s.charAt(j))) {
                j++;
            }
            return j < s.length() && s.charAt(j) == '=';
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i == s.length()) {
                        break;
                    }
                    c = s.charAt(i++);
                }
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw error("control character in a quoted string");
                }
                b.append(c);
            }
            throw error("unterminated quoted string");
        }

        private String token(String what) {
            int start = i;
            while (i < s.length() && isTchar(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw error("expected " + what);
            }
            return s.substring(start, i);
        }

        private void expect(char c) {
            if (i == s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skipWhitespace() {
            while (i < s.length() && isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** The #rule allows empty list elements: {@code a, , b}. */
        private void skipListSeparators() {
            while (i < s.length() && (isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
        }

        private OnvifException error(String reason) {
            return new OnvifException(Kind.MALFORMED, "unreadable authentication header: " + reason + " at character " + i);
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isTchar(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
        }

        private static boolean isToken68(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || "-._~+/".indexOf(c) >= 0);
        }
    }
}
