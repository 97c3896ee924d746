package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sharpeyes.gateway.onvif.Futures.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.sharpeyes.gateway.onvif.sim.OnvifSimulator;
import org.sharpeyes.gateway.onvif.sim.SimulatorConfig;
import org.slf4j.LoggerFactory;

/** Cameras that answer SOAP with HTTP 401 + a Digest challenge, on top of WS-Security. */
class OnvifHttpDigestTest {
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

    static SimulatorConfig digestCamera() {
        return OnvifClientTest.config().withHttpDigest(true);
    }

    static OnvifClient client(OnvifSimulator sim, Credentials credentials) {
        return new OnvifClient(vertx, http, sim.deviceServiceUrl(), credentials, OnvifSettings.DEFAULT);
    }

    @Test
    void theRfcExamplesAreReproduced() {
        // RFC 2617 section 3.5
        assertThat(DigestAuth.response(null, "Mufasa", "testrealm@host.com", "Circle Of Life", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001", "0a4f113b", "auth", "GET", "/dir/index.html")).isEqualTo("6629fae49393a05397450978507c4ef1");
        // RFC 7616 section 3.9.1, MD5 and SHA-256
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(DigestAuth.response("MD5", "Mufasa", "http-auth@example.org", "Circle of Life", nonce, "00000001", cnonce,
                "auth", "GET", "/dir/index.html")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(DigestAuth.response("SHA-256", "Mufasa", "http-auth@example.org", "Circle of Life", nonce, "00000001", cnonce,
                "auth", "GET", "/dir/index.html")).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void aDigestCameraIsReadWithTheRightPasswordAndChallengesOnlyOnce() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, digestCamera()))) {
            OnvifClient client = client(sim, new Credentials(OnvifClientTest.USER, OnvifClientTest.PASSWORD));
            OnvifInfo info = await(client.info());

            assertThat(info.device()).isEqualTo(sim.config().device());
            assertThat(info.profiles()).extracting(Profile::streamUri).containsExactly(OnvifClientTest.MAIN.uri(), OnvifClientTest.SUB.uri());
            assertThat(sim.digestChallenges()).as("one 401, then every request (concurrent ones included) pre-authenticated")
                    .isEqualTo(1);

            sim.expireDigestNonces();
            assertThat(await(client.deviceInformation()).model()).isEqualTo(sim.config().device().model());
            assertThat(sim.digestChallenges()).as("a stale nonce is answered once more").isEqualTo(2);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndNoPasswordReachesAMessageOrTheLog() {
        Logger onvifLogs = (Logger) LoggerFactory.getLogger("org.sharpeyes.gateway.onvif");
        Level before = onvifLogs.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        onvifLogs.addAppender(logs);
        onvifLogs.setLevel(Level.DEBUG);
        String wrong = "Wr0ng-pa55word";
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, digestCamera()))) {
            await(client(sim, new Credentials(OnvifClientTest.USER, OnvifClientTest.PASSWORD)).info());

            OnvifClient client = client(sim, new Credentials(OnvifClientTest.USER, wrong));
            assertThatThrownBy(() -> await(client.readClock()))
                    .isInstanceOfSatisfying(OnvifException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.AUTH_REFUSED);
                        assertThat(e.reason()).startsWith("auth refused:").contains("refused the HTTP Digest credentials")
                                .doesNotContain(wrong).doesNotContain(OnvifClientTest.PASSWORD);
                    });
            // the refusal is final for that request and forgotten for the next: each asks once more, then stops
            assertThatThrownBy(() -> await(client.deviceInformation()))
                    .isInstanceOfSatisfying(OnvifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH_REFUSED));
            assertThat(sim.digestChallenges()).isEqualTo(1 + 2 + 2);

            OnvifClient anonymous = client(sim, null);
            assertThatThrownBy(() -> await(anonymous.readClock()))
                    .isInstanceOfSatisfying(OnvifException.class, e -> assertThat(e.reason())
                            .isEqualTo("auth refused: " + sim.deviceServiceUrl() + " answered HTTP 401 and no credentials are configured"));
        } finally {
            onvifLogs.detachAppender(logs);
            onvifLogs.setLevel(before);
        }
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("the test saw the digest exchange in the log").anyMatch(l -> l.contains("http digest"));
        assertThat(lines).noneMatch(l -> l.contains(wrong) || l.contains(OnvifClientTest.PASSWORD));
    }

    @Test
    void curlAuthenticatesWithTheSimulatorsDigestAndIsRefusedWithAWrongPassword() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, digestCamera()))) {
            String request = Soap.envelope("", "<tds:GetSystemDateAndTime xmlns:tds=\"" + Ns.DEVICE + "\"/>");
            assertThat(curl(sim, OnvifClientTest.PASSWORD, request)).startsWith("200 ").contains("GetSystemDateAndTimeResponse");
            assertThat(curl(sim, "nope", request)).startsWith("401 ");
        }
    }

    /** The status code, a space, and the body, as an independent Digest client gets them. */
    static String curl(OnvifSimulator sim, String password, String body) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/curl", "-s", "--max-time", "10", "--digest", "-u",
                OnvifClientTest.USER + ":" + password, "-H", "Content-Type: application/soap+xml; charset=utf-8",
                "--data-binary", body, "-w", "%{http_code} ", "-o", "/dev/stderr", sim.deviceServiceUrl().toString())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8) + new String(err, StandardCharsets.UTF_8);
    }
}
