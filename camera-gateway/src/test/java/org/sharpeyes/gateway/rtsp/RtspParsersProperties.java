package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RtspParsersProperties {
    private static final String SDP = """
            v=0\r
            o=- 1188340656180883 1 IN IP4 127.0.0.1\r
            s=Session streamed with GStreamer\r
            t=0 0\r
            a=tool:GStreamer\r
            m=video 0 RTP/AVP 96\r
            c=IN IP4 0.0.0.0\r
            a=rtpmap:96 H264/90000\r
            a=fmtp:96 packetization-mode=1;profile-level-id=42c01e\r
            a=control:stream=0\r
            m=audio 0 RTP/AVP 8\r
            a=control:stream=1\r
            """;

    @Property
    void sdpParserThrowsOnlyItsOwnException(@ForAll("sdpLike") String text) {
        try {
            SdpInfo.parse(text);
        } catch (RtspParseException e) {
            assertThat(e.getMessage()).startsWith("SDP");
        }
    }

    @Property
    void challengeParserThrowsOnlyItsOwnException(@ForAll("challengeLike") String text) {
        try {
            AuthChallenge.parse(text);
        } catch (RtspParseException e) {
            assertThat(e.getMessage()).startsWith("WWW-Authenticate");
        }
    }

    @Property
    void sdpMediaRoundTrip(@ForAll("media") List<SdpInfo.Media> media) {
        StringBuilder sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\n");
        for (SdpInfo.Media m : media) {
            sb.append("m=").append(m.kind()).append(" 0 RTP/AVP ").append(m.payloadType()).append("\r\n");
            sb.append("a=rtpmap:").append(m.payloadType()).append(' ').append(m.codec()).append('/').append(m.clockRate()).append("\r\n");
            if (!m.fmtp().isEmpty()) {
                sb.append("a=fmtp:").append(m.payloadType()).append(' ');
                m.fmtp().forEach((k, v) -> sb.append(k).append('=').append(v).append("; "));
                sb.append("\r\n");
            }
            if (m.control() != null) {
                sb.append("a=control:").append(m.control()).append("\r\n");
            }
        }
        assertThat(SdpInfo.parse(sb.toString()).media()).isEqualTo(media);
    }

    @Property
    void challengeRoundTrip(@ForAll("params") Map<String, String> params) {
        StringBuilder sb = new StringBuilder("Digest ");
        params.forEach((k, v) -> sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\", "));
        sb.append("Basic realm=\"x\"");
        List<AuthChallenge> parsed = AuthChallenge.parse(sb.toString());
        assertThat(parsed).hasSize(2);
        assertThat(parsed.get(0).scheme()).isEqualTo("digest");
        assertThat(parsed.get(0).params()).isEqualTo(params);
        assertThat(parsed.get(1)).isEqualTo(new AuthChallenge("basic", Map.of("realm", "x")));
    }

    @Provide
    Arbitrary<String> sdpLike() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), mutations(SDP));
    }

    @Provide
    Arbitrary<String> challengeLike() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(120),
                mutations("Digest realm=\"GStreamer Server\", nonce=\"a7f3\\\"x\", algorithm=MD5, qop=\"auth,auth-int\", Basic realm=\"cam\""));
    }

    /** A valid text with random characters replaced, inserted or deleted, or cut short. */
    private static Arbitrary<String> mutations(String valid) {
        Arbitrary<Character> chars = Arbitraries.of('\r', '\n', '=', '"', ',', ' ', '\\', ':', '/', 'm', 'a', '9', '\0', 'é');
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, valid.length()),
                Arbitraries.integers().between(0, 3)).as((pos, op) -> new int[] {pos, op});
        return Combinators.combine(edit.list().ofMaxSize(8), chars.list().ofSize(8)).as((edits, cs) -> {
            StringBuilder sb = new StringBuilder(valid);
            for (int k = 0; k < edits.size(); k++) {
                int pos = Math.min(edits.get(k)[0], sb.length());
                switch (edits.get(k)[1]) {
                    case 0 -> sb.insert(pos, cs.get(k));
                    case 1 -> { if (pos < sb.length()) sb.setCharAt(pos, cs.get(k)); }
                    case 2 -> { if (pos < sb.length()) sb.deleteCharAt(pos); }
                    default -> sb.setLength(pos);
                }
            }
            return sb.toString();
        });
    }

    @Provide
    Arbitrary<List<SdpInfo.Media>> media() {
        Arbitrary<SdpInfo.Media> one = Combinators.combine(Arbitraries.of("video", "audio", "application"),
                Arbitraries.integers().between(96, 127), Arbitraries.of("H264", "H265", "MP4V-ES", "PCMA", "MPEG4-GENERIC"),
                Arbitraries.integers().between(1, 200_000), Arbitraries.of("stream=0", "trackID=1", "*", "rtsp://10.0.0.1/cam/track1").injectNull(0.3),
                fmtp()).as(SdpInfo.Media::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Format parameters as cameras write them: sprop-parameter-sets=Z0IAH+kCg/I=,aM4xsg==;packetization-mode=1 */
    private static Arbitrary<Map<String, String>> fmtp() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz-").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> value = Arbitraries.strings().withChars("ABCXYZabcxyz0189+/=,").ofMaxLength(40);
        return Arbitraries.maps(name, value).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Map<String, String>> params() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> value = Arbitraries.strings().ascii().ofMaxLength(20);
        return Arbitraries.maps(name, value).ofMaxSize(5).map(LinkedHashMap::new);
    }
}
