package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RtspAuthTest {
    @Test
    void digestWithQopMatchesTheRfc2617Example() {
        AuthChallenge c = new AuthChallenge("digest", Map.of("realm", "testrealm@host.com", "qop", "auth,auth-int",
                "nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "opaque", "5ccc069c403ebaf9f0171e9517f40e41"));
        String header = RtspAuth.digest(c, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b");
        assertThat(header).contains("response=\"6629fae49393a05397450978507c4ef1\"")
                .contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\"").contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void digestWithoutQopIsHa1NonceHa2() {
        AuthChallenge c = new AuthChallenge("digest", Map.of("realm", "cam", "nonce", "abc"));
        String expected = RtspAuth.md5(RtspAuth.md5("u:cam:p") + ":abc:" + RtspAuth.md5("DESCRIBE:rtsp://h:554/x"));
        assertThat(RtspAuth.digest(c, "DESCRIBE", "rtsp://h:554/x", "u", "p", "ignored"))
                .isEqualTo("Digest username=\"u\", realm=\"cam\", nonce=\"abc\", uri=\"rtsp://h:554/x\", response=\"" + expected + "\"");
    }

    @Test
    void prefersDigestOverBasicAndRefusesUnknownSchemes() {
        List<AuthChallenge> both = AuthChallenge.parse("Basic realm=\"cam\", Digest realm=\"cam\", nonce=\"n1\"");
        assertThat(RtspAuth.authorization(both, "DESCRIBE", "rtsp://h/x", "u", "p", "c")).startsWith("Digest ");
        assertThat(RtspAuth.authorization(AuthChallenge.parse("Basic realm=\"cam\""), "DESCRIBE", "rtsp://h/x", "admin", "12345", "c"))
                .isEqualTo("Basic YWRtaW46MTIzNDU=");
        assertThat(RtspAuth.authorization(AuthChallenge.parse("Digest realm=\"c\", nonce=\"n\", algorithm=SHA-512-256"),
                "DESCRIBE", "rtsp://h/x", "u", "p", "c")).isNull();
    }
}
