package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;

/** The WWW-Authenticate / Authorization parser: reads what RFC 7235 allows, refuses the rest with a parse error only. */
class OnvifAuthHeaderPropertiesTest {
    static final List<String> SAMPLES = List.of(
            "Digest qop=\"auth\", realm=\"IP Camera(C1234)\", nonce=\"4e5749a3c1d2e3f4\", stale=\"FALSE\"",
            "Basic realm=\"Login to 3K0B\", Digest realm=\"a, b\", nonce=\"n\\\"q\", qop=\"auth,auth-int\", algorithm=MD5-sess",
            "Digest username=\"op\", realm=\"r\", nonce=\"n\", uri=\"/onvif/device_service\", response=\"0a1b\", qop=auth, nc=00000001, cnonce=\"c\"",
            "Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXagMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCg==, Basic realm=x");

    @Property(tries = 3000)
    void anyTextIsReadOrRefusedWithAParseError(@ForAll("headerish") String header) {
        readOrRefused(header);
    }

    @Property(tries = 3000)
    void mutatedRealHeadersAreReadOrRefusedWithAParseError(@ForAll("mutated") String header) {
        readOrRefused(header);
    }

    @Property(tries = 1000)
    void quotedValuesWithCommasQuotesAndBackslashesReadBackExactly(@ForAll("challenges") List<Challenge> challenges) {
        String header = String.join(", ", challenges.stream().map(Challenge::render).toList());
        List<HttpAuth> parsed = HttpAuth.parse(header);
        assertThat(parsed).hasSameSizeAs(challenges);
        for (int i = 0; i < challenges.size(); i++) {
            assertThat(parsed.get(i).scheme()).isEqualTo(challenges.get(i).scheme());
            assertThat(parsed.get(i).token68()).isNull();
            assertThat(parsed.get(i).params()).isEqualTo(challenges.get(i).params());
        }
    }

    @Example
    void theSamplesReadAsCamerasMeanThem() {
        List<HttpAuth> two = HttpAuth.parse(SAMPLES.get(1));
        assertThat(two).extracting(HttpAuth::scheme).containsExactly("Basic", "Digest");
        assertThat(two.get(1).param("REALM")).isEqualTo("a, b");
        assertThat(two.get(1).param("nonce")).isEqualTo("n\"q");
        assertThat(two.get(1).param("qop")).isEqualTo("auth,auth-int");
        assertThat(two.get(1).param("algorithm")).isEqualTo("MD5-sess");
        List<HttpAuth> negotiate = HttpAuth.parse(SAMPLES.get(3));
        assertThat(negotiate.get(0).token68()).endsWith("CCg==");
        assertThat(negotiate.get(1).param("realm")).isEqualTo("x");
        assertThat(DigestAuth.accept(two, new Credentials("u", "p"))).hasToString("DigestAuth[realm=a, b, algorithm=MD5-sess]");
    }

    static void readOrRefused(String header) {
        try {
            List<HttpAuth> all = HttpAuth.parse(header);
            assertThat(all).isNotEmpty().allSatisfy(a -> assertThat(a.scheme()).isNotEmpty());
            DigestAuth.accept(all, new Credentials("u", "p"));
        } catch (OnvifException e) {
            assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
            assertThat(e.getMessage()).startsWith("unreadable authentication header:").doesNotContain("\n");
        }
    }

    record Challenge(String scheme, Map<String, String> params) {
        String render() {
            StringBuilder b = new StringBuilder(scheme);
            String sep = " ";
            for (var e : params.entrySet()) {
                b.append(sep).append(e.getKey()).append("=\"")
                        .append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                sep = ", ";
            }
            return b.toString();
        }
    }

    @Provide
    Arbitrary<List<Challenge>> challenges() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> value = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é', '中')
                .ofMaxLength(20).edgeCases(c -> c.add(",\", \\\"\\"));
        Arbitrary<Map<String, String>> params = Arbitraries.maps(name, value).ofMaxSize(5).map(LinkedHashMap::new);
        Arbitrary<String> scheme = Arbitraries.of("Digest", "Basic", "Bearer", "X-Custom");
        return Combinators.combine(scheme, params).as(Challenge::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> headerish() {
        return Arbitraries.strings().withChars("Digest realm=\"\\,= \t\u0000\u007fa1/+~é").ofMaxLength(60)
                .injectDuplicates(0.1);
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> insert = Arbitraries.of("\"", "\\", ",", "=", " ", "\t", "\u0000", "==", "a=", ",,", "Digest ", "\"\\");
        Arbitrary<List<Integer>> positions = Arbitraries.integers().between(0, 500).list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(Arbitraries.of(SAMPLES), positions, insert.list().ofSize(5),
                Arbitraries.integers().between(0, 4).list().ofSize(5)).as((s, pos, ins, del) -> {
                    StringBuilder b = new StringBuilder(s);
                    for (int i = 0; i < pos.size(); i++) {
                        int at = pos.get(i) % (b.length() + 1);
                        b.delete(at, Math.min(b.length(), at + del.get(i)));
                        b.insert(at, ins.get(i));
                    }
                    return b.toString();
                });
    }

    @Example
    void anOversizedHeaderIsRefusedBeforeParsing() {
        String huge = "Digest realm=\"" + "x".repeat(HttpAuth.MAX_CHARS) + "\"";
        readOrRefused(huge);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpAuth.parse(huge))
                .hasMessageContaining("longer than " + HttpAuth.MAX_CHARS);
    }

}
