package org.sharpeyes.gateway.rtsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235 §2.1, as RTSP cameras send it):
 * a scheme and its parameters, e.g. {@code Digest realm="IP Camera", nonce="4f2a", algorithm=MD5}.
 *
 * @param scheme lower case ("basic", "digest")
 * @param params parameter names in lower case, values unquoted
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
    public AuthChallenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public String param(String name) {
        return params.get(name);
    }

    /**
     * Parses one header value, which may hold several challenges separated by commas.
     *
     * @throws RtspParseException naming the offset and what was expected
     */
    public static List<AuthChallenge> parse(String header) {
        if (header == null) {
            throw new RtspParseException("WWW-Authenticate: missing");
        }
        Parser p = new Parser(header);
        List<AuthChallenge> out = new ArrayList<>();
        p.skipSpacesAndCommas();
        while (!p.atEnd()) {
            String scheme = p.token("auth scheme").toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            p.skipSpaces();
            // Parameters follow until the next "token SP" (a new scheme) or the end.
            while (!p.atEnd() && !p.startsNewChallenge()) {
                String name = p.token("parameter name").toLowerCase(Locale.ROOT);
                p.skipSpaces();
                p.expect('=');
                p.skipSpaces();
                String value = p.peek() == '"' ? p.quoted() : p.token("value of " + name);
                params.put(name, value);
                p.skipSpacesAndCommas();
            }
            out.add(new AuthChallenge(scheme, params));
        }
        if (out.isEmpty()) {
            throw new RtspParseException("WWW-Authenticate: no challenge in '" + header + "'");
        }
        return out;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        char peek() {
            return atEnd() ? 0 : s.charAt(i);
        }

        void skipSpaces() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                i++;
            }
        }

        void skipSpacesAndCommas() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
                i++;
            }
        }

        /** A token followed by whitespace and then not '=' is a scheme: a new challenge starts here. */
        boolean startsNewChallenge() {
            int j = i;
            while (j < s.length() && isTokenChar(s.charAt(j))) {
                j++;
            }
            if (j == i || j >= s.length() || s.charAt(j) != ' ') {
                return false;
            }
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            return j < s.length() && s.charAt(j) != '=';
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            i++;
        }

        String token(String what) {
            int start = i;
            while (!atEnd() && isTokenChar(peek())) {
                i++;
            }
            if (start == i) {
                throw error(what);
            }
            return s.substring(start, i);
        }

        String quoted() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw new RtspParseException("WWW-Authenticate: unterminated quoted string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        throw new RtspParseException("WWW-Authenticate: unterminated quoted string");
                    }
                    c = s.charAt(i++);
                }
                sb.append(c);
            }
        }

        private RtspParseException error(String expected) {
            return new RtspParseException("WWW-Authenticate: expected " + expected + " at offset " + i + " of '" + s + "'");
        }

        /** RFC 7230 tchar; '/' and '+' also occur unquoted in cameras' nonce and opaque values. */
        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~/:".indexOf(c) >= 0;
        }
    }
}
