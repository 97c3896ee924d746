package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.gateway.onvif.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.onvif.sim.OnvifSimulator;
import org.sharpeyes.gateway.onvif.sim.SimulatorConfig;
import org.sharpeyes.gateway.onvif.sim.StreamSpec;

class OnvifCommandsTest {
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    record Run(int exit, String out, String err) {
    }

    static Run info(String... args) {
        return run(false, args);
    }

    static Run discover(String... args) {
        return run(true, args);
    }

    private static Run run(boolean discover, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = discover ? OnvifDiscoverCommand.run(List.of(args), o, e) : OnvifInfoCommand.run(List.of(args), o, e);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onvifInfoPrintsOneJsonObjectAndNeverThePassword() {
        // A camera that hands out stream URIs with credentials in them: they are masked too.
        SimulatorConfig config = SimulatorConfig.loopback("admin", "hunter2-pw",
                new StreamSpec("rtsp://admin:hunter2-pw@127.0.0.1:8554/main", 2560, 1440, 25),
                new StreamSpec("rtsp://127.0.0.1:8554/sub", 704, 576, 25), null).withClockOffset(Duration.ofSeconds(-90));
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config))) {
            Run r = info(sim.deviceServiceUrl().toString(), "--user", "admin", "--password", "hunter2-pw");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().lines()).hasSize(1);
            assertThat(r.out() + r.err()).doesNotContain("hunter2-pw");
            JsonObject json = new JsonObject(r.out());
            assertThat(json.getJsonObject("device").getString("model")).isEqualTo(config.device().model());
            assertThat(json.getJsonObject("clock").getLong("skewSeconds")).isBetween(-91L, -89L);
            assertThat(json.getString("mainStreamUri")).isEqualTo("rtsp://***@127.0.0.1:8554/main");
            assertThat(json.getString("subStreamUri")).isEqualTo("rtsp://127.0.0.1:8554/sub");
            assertThat(json.getString("snapshotUri")).isNull();
            assertThat(json.getJsonArray("profiles")).hasSize(2);
            assertThat(json.getJsonObject("ptz").getBoolean("supported")).isTrue();
        }
    }

    @Test
    void onvifInfoFailuresExitNonZeroWithOneLineReasons() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, OnvifClientTest.config()))) {
            String url = sim.deviceServiceUrl().toString();
            Run refused = info(url, "--user", OnvifClientTest.USER, "--password", "wrong-one");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err().lines()).singleElement().asString().startsWith("onvif-info: auth refused:")
                    .doesNotContain("wrong-one");

            Run notOnvif = info(sim.deviceServiceUrl().resolve("/").toString());
            assertThat(notOnvif.exit()).isEqualTo(1);
            assertThat(notOnvif.err()).startsWith("onvif-info: not onvif:");
        }
        Run unreachable = info("http://127.0.0.1:9/onvif/device_service", "--timeout", "2");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("onvif-info: unreachable:");
        assertThat(unreachable.out()).isEmpty();

        Run usage = info("ftp://camera", "--user", "u");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("DEVICE_SERVICE_URL must be an http(s) URL");
    }

    @Test
    void onvifDiscoverPrintsOneLinePerDeviceThatAnswered() {
        try (OnvifSimulator a = await(OnvifSimulator.start(vertx, OnvifClientTest.config()))) {
            Run r = discover("--host", "127.0.0.1:" + a.discoveryPort(), "--seconds", "1");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonObject line = new JsonObject(r.out().lines().findFirst().orElseThrow());
            assertThat(line.getString("endpoint")).isEqualTo(a.config().endpoint());
            assertThat(line.getJsonArray("xaddrs").getList()).containsExactly(a.deviceServiceUrl().toString());
        }
        try (OnvifSimulator a = await(OnvifSimulator.start(vertx, OnvifClientTest.config().withMulticast("lo")));
             OnvifSimulator b = await(OnvifSimulator.start(vertx, OnvifClientTest.config().withMulticast("lo")))) {
            Run r = discover("--interface", "lo", "--seconds", "1");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out().lines().map(l -> new JsonObject(l).getString("endpoint")))
                    .contains(a.config().endpoint(), b.config().endpoint());
        }
    }

    @Test
    void onvifDiscoverWithoutAnAnswerSaysSo() {
        Run r = discover("--host", "127.0.0.1:9", "--seconds", "1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("onvif-discover: timeout: no ONVIF device answered at 127.0.0.1:9 within 1 s");
        assertThat(discover("--host", "h", "--interface", "lo").exit()).isEqualTo(2);
        assertThat(discover("--interface", "no-such-if0").err()).contains("no network interface named no-such-if0");
    }
}
