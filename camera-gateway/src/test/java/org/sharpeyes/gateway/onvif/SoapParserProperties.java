package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever arrives, the SOAP and WS-Discovery readers either read it or throw {@link OnvifException}: nothing else. */
class SoapParserProperties {
    static final java.net.URI DEVICE = java.net.URI.create("http://127.0.0.1/onvif/device_service");
    static final String ID = "urn:uuid:11111111-2222-3333-4444-555555555555";
    static final String PROFILES = Soap.envelope("", "<trt:GetProfilesResponse xmlns:trt=\"" + Ns.MEDIA + "\" xmlns:tt=\"" + Ns.SCHEMA
            + "\"><trt:Profiles token=\"main\" fixed=\"true\"><tt:Name>Main</tt:Name><tt:VideoEncoderConfiguration token=\"e\">"
            + "<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution>"
            + "<tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit></tt:RateControl></tt:VideoEncoderConfiguration>"
            + "<tt:PTZConfiguration token=\"p\"/></trt:Profiles></trt:GetProfilesResponse>");
    static final String MATCHES = Soap.envelope("<a:RelatesTo xmlns:a=\"" + Ns.WSA + "\">" + ID + "</a:RelatesTo>",
            "<d:ProbeMatches xmlns:d=\"" + Ns.WSD + "\" xmlns:a=\"" + Ns.WSA + "\"><d:ProbeMatch><a:EndpointReference>"
                    + "<a:Address>urn:uuid:dev</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>"
                    + "<d:Scopes>onvif://www.onvif.org/type/video_encoder</d:Scopes>"
                    + "<d:XAddrs>http://127.0.0.1:80/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches>");
    static final String FAULT = Soap.fault("Sender", "NotAuthorized", "Sender not Authorized");
    static final List<String> SAMPLES = List.of(PROFILES, MATCHES, HostilePeerTest.GOOD_TIME, FAULT,
            Soap.envelope("", HostilePeerTest.GOOD_TIME), OnvifServicesTest.CAMERA_SERVICES);

    @Property(tries = 2000)
    void randomBytesAreReadOrRefused(@ForAll @Size(max = 600) byte[] bytes) {
        everyReaderOn(bytes);
    }

    @Property(tries = 3000)
    void mutatedRepliesAreReadOrRefused(@ForAll("mutated") String xml) {
        everyReaderOn(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Example
    void theUnmutatedSamplesAreRead() {
        assertThat(OnvifClient.readProfiles(Soap.replyBody(Soap.parse(PROFILES.getBytes(StandardCharsets.UTF_8)))))
                .singleElement().satisfies(p -> assertThat(p.width()).isEqualTo(1920));
        assertThat(WsDiscovery.parseProbeMatches(MATCHES.getBytes(StandardCharsets.UTF_8), ID, "127.0.0.1")).hasSize(1);
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> sample = Arbitraries.of(SAMPLES);
        Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.of("<", ">", "&", "\"", "/", ":", "=", " ", "\u0000", "]]>",
                "<!DOCTYPE x>", "&amp;", "&#0;", "&#xFFFF;", "<?xml version=\"1.0\"?>", "xmlns:s=\"urn:x\"", "\uD800",
                "<tt:Width>-1</tt:Width>", "99999999999"), Arbitraries.strings().ofMaxLength(4));
        Arbitrary<List<Integer>> positions = Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<List<String>> inserts = insert.list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<List<Integer>> deletions = Arbitraries.integers().between(0, 8).list().ofMinSize(6).ofMaxSize(6);
        return Combinators.combine(sample, positions, inserts, deletions).as((s, pos, ins, del) -> {
            StringBuilder b = new StringBuilder(s);
            for (int i = 0; i < pos.size(); i++) {
                int at = pos.get(i) % (b.length() + 1);
                b.delete(at, Math.min(b.length(), at + del.get(i)));
                b.insert(at, ins.get(i % ins.size()));
            }
            return b.toString();
        });
    }

    static void everyReaderOn(byte[] bytes) {
        onlyOnvifException(b -> Soap.replyBody(Soap.parse(b)), bytes);
        onlyOnvifException(b -> OnvifClient.readProfiles(Soap.replyBody(Soap.parse(b), Ns.MEDIA, "GetProfilesResponse")), bytes);
        onlyOnvifException(b -> OnvifClient.readDeviceTime(Soap.replyBody(Soap.parse(b))), bytes);
        onlyOnvifException(b -> OnvifClient.readServices(Soap.replyBody(Soap.parse(b)), DEVICE), bytes);
        onlyOnvifException(b -> OnvifClient.readCapabilities(Soap.replyBody(Soap.parse(b)), DEVICE), bytes);
        onlyOnvifException(b -> WsDiscovery.parseProbeMatches(b, ID, "127.0.0.1"), bytes);
        onlyOnvifException(b -> WsDiscovery.parseHello(b, "127.0.0.1"), bytes);
    }

    static void onlyOnvifException(Consumer<byte[]> reader, byte[] bytes) {
        try {
            reader.accept(bytes);
        } catch (OnvifException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }
}
