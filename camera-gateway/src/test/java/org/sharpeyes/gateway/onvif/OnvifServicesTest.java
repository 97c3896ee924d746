package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sharpeyes.gateway.onvif.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.sharpeyes.gateway.onvif.sim.OnvifSimulator;

/** GetServices first, GetCapabilities for devices that do not implement it. */
class OnvifServicesTest {
    static final String NS = " xmlns:tds=\"" + Ns.DEVICE + "\" xmlns:tt=\"" + Ns.SCHEMA + "\"";

    static Vertx vertx;
    static HttpClient http;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient();
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    static OnvifClient client(URI url) {
        return new OnvifClient(vertx, http, url, new Credentials(OnvifClientTest.USER, OnvifClientTest.PASSWORD),
                OnvifSettings.DEFAULT);
    }

    @Test
    void servicesComeFromGetServicesWhenTheDeviceAnswersIt() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, OnvifClientTest.config()))) {
            Services s = await(client(sim.deviceServiceUrl()).services());
            assertThat(s.source()).isEqualTo("GetServices");
            assertThat(s.device()).isEqualTo(sim.deviceServiceUrl());
            assertThat(s.media()).isEqualTo(sim.deviceServiceUrl().resolve("/onvif/media_service"));
            assertThat(s.ptz()).isEqualTo(sim.deviceServiceUrl().resolve("/onvif/ptz_service"));
            assertThat(s.media2()).isNull();
            assertThat(s.imaging()).isNull();
        }
    }

    @Test
    void aDeviceThatFaultsOnGetServicesIsAskedGetCapabilitiesAndStillFullyRead() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, OnvifClientTest.config().withGetServices(false)))) {
            OnvifInfo info = await(client(sim.deviceServiceUrl()).info());
            assertThat(info.services().source()).isEqualTo("GetCapabilities");
            assertThat(info.services().media()).isEqualTo(sim.deviceServiceUrl().resolve("/onvif/media_service"));
            assertThat(info.services().ptz()).isEqualTo(sim.deviceServiceUrl().resolve("/onvif/ptz_service"));
            assertThat(info.profiles()).extracting(Profile::streamUri).containsExactly(OnvifClientTest.MAIN.uri(), OnvifClientTest.SUB.uri());
            assertThat(info.ptz().supported()).isTrue();
        }
    }

    /** Answers GetServices as told by the path, GetCapabilities always; records the operations asked. */
    static HttpServer oldDevice(List<String> asked) {
        return await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            String body = b.toString(StandardCharsets.UTF_8);
            String op = body.contains("GetServices") ? "GetServices" : "GetCapabilities";
            asked.add(op);
            var resp = req.response();
            if (op.equals("GetCapabilities")) {
                resp.putHeader("Content-Type", "application/soap+xml").end(Soap.envelope("", "<tds:GetCapabilitiesResponse" + NS
                        + "><tds:Capabilities><tt:Media><tt:XAddr>http://127.0.0.1:1/media</tt:XAddr></tt:Media>"
                        + "<tt:Imaging><tt:XAddr>http://127.0.0.1:1/imaging</tt:XAddr></tt:Imaging></tds:Capabilities>"
                        + "</tds:GetCapabilitiesResponse>"));
            } else if (req.path().equals("/error-page")) {
                resp.setStatusCode(500).putHeader("Content-Type", "text/html").end("<html>Internal Server Error</html>");
            } else {
                resp.setStatusCode(400).putHeader("Content-Type", "application/soap+xml")
                        .end(Soap.fault("Sender", "NotAuthorized", "Sender not Authorized"));
            }
        })).listen(0, "127.0.0.1"));
    }

    @Test
    void anHttp500ErrorPageForGetServicesFallsBackToGetCapabilities() {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = oldDevice(asked);
        try {
            Services s = await(client(URI.create("http://127.0.0.1:" + server.actualPort() + "/error-page")).services());
            assertThat(asked).containsExactly("GetServices", "GetCapabilities");
            assertThat(s.source()).isEqualTo("GetCapabilities");
            assertThat(s.media()).hasToString("http://127.0.0.1:1/media");
            assertThat(s.imaging()).hasToString("http://127.0.0.1:1/imaging");
            assertThat(s.ptz()).isNull();
            assertThat(s.device().getPath()).isEqualTo("/error-page");
        } finally {
            await(server.close());
        }
    }

    @Test
    void anAuthRefusalOfGetServicesIsReportedNotHiddenByTheFallback() {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = oldDevice(asked);
        try {
            OnvifClient client = client(URI.create("http://127.0.0.1:" + server.actualPort() + "/refuses"));
            assertThatThrownBy(() -> await(client.services()))
                    .isInstanceOfSatisfying(OnvifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH_REFUSED));
            assertThat(asked).containsExactly("GetServices");
        } finally {
            await(server.close());
        }
    }

    static final String CAMERA_SERVICES = Soap.envelope("", "<tds:GetServicesResponse" + NS + ">"
            + service("http://www.onvif.org/ver10/events/wsdl", "not a url at all")
            + service(Ns.DEVICE, "http://10.0.0.5/onvif/device_service")
            + service(Ns.MEDIA2, "http://10.0.0.5/onvif/Media2")
            + service(Ns.MEDIA, "http://10.0.0.5/onvif/Media")
            + service(Ns.IMAGING, "http://10.0.0.5/onvif/Imaging")
            + service(Ns.PTZ, "http://10.0.0.5/onvif/PTZ")
            + "</tds:GetServicesResponse>");

    static String service(String ns, String xaddr) {
        return "<tds:Service><tds:Namespace>" + ns + "</tds:Namespace><tds:XAddr>" + xaddr + "</tds:XAddr>"
                + "<tds:Version><tt:Major>2</tt:Major><tt:Minor>40</tt:Minor></tds:Version></tds:Service>";
    }

    @Test
    void aCameraListingMedia2AndImagingHasThemNotedAndOtherServicesIgnored() {
        Services s = OnvifClient.readServices(Soap.replyBody(Soap.parse(CAMERA_SERVICES.getBytes(StandardCharsets.UTF_8))),
                URI.create("http://10.0.0.5/onvif/device_service"));
        assertThat(s).isEqualTo(new Services(URI.create("http://10.0.0.5/onvif/device_service"),
                URI.create("http://10.0.0.5/onvif/Media"), URI.create("http://10.0.0.5/onvif/Media2"),
                URI.create("http://10.0.0.5/onvif/PTZ"), URI.create("http://10.0.0.5/onvif/Imaging"), "GetServices"));
    }

    @Test
    void aMedia2OnlyCameraIsNamedAsSuch() {
        String media2Only = CAMERA_SERVICES.replace(service(Ns.MEDIA, "http://10.0.0.5/onvif/Media"), "");
        assertThatThrownBy(() -> OnvifClient.readServices(Soap.replyBody(Soap.parse(media2Only.getBytes(StandardCharsets.UTF_8))),
                URI.create("http://10.0.0.5/onvif/device_service")))
                .isInstanceOfSatisfying(OnvifException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.MALFORMED);
                    assertThat(e.getMessage()).contains("no ver10 Media service").contains("only Media2");
                });
    }
}
