package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sharpeyes.gateway.onvif.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.sharpeyes.gateway.onvif.sim.OnvifSimulator;
import org.sharpeyes.gateway.onvif.sim.SimulatorConfig;
import org.sharpeyes.gateway.onvif.sim.StreamSpec;

class OnvifClientTest {
    static final String USER = "operator";
    static final String PASSWORD = "s3cret-Pa55";
    static final StreamSpec MAIN = new StreamSpec("rtsp://127.0.0.1:8554/cam1/main", 1920, 1080, 25);
    static final StreamSpec SUB = new StreamSpec("rtsp://127.0.0.1:8554/cam1/sub", 640, 360, 15);
    static final String SNAPSHOT = "http://127.0.0.1:8080/snapshot/cam1.jpg";

    static Vertx vertx;
    static HttpClient http;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close());
    }

    static SimulatorConfig config() {
        return SimulatorConfig.loopback(USER, PASSWORD, MAIN, SUB, SNAPSHOT);
    }

    OnvifClient client(OnvifSimulator sim, String password) {
        return new OnvifClient(vertx, http, sim.deviceServiceUrl(), new Credentials(USER, password), OnvifSettings.DEFAULT);
    }

    @Test
    void infoReportsIdentityProfilesStreamsSnapshotAndPtz() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config()))) {
            OnvifInfo info = await(client(sim, PASSWORD).info());

            assertThat(info.device()).isEqualTo(sim.config().device());
            assertThat(info.services().media().getPath()).isEqualTo("/onvif/media_service");
            assertThat(info.profiles()).extracting(Profile::token, Profile::encoding, Profile::width, Profile::height,
                            Profile::fps, Profile::streamUri, Profile::snapshotUri)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("profile_main", "H264", 1920, 1080, 25, MAIN.uri(), SNAPSHOT),
                            org.assertj.core.groups.Tuple.tuple("profile_sub", "H264", 640, 360, 15, SUB.uri(), SNAPSHOT));
            assertThat(info.mainProfile()).map(Profile::streamUri).contains(MAIN.uri());
            assertThat(info.subProfile()).map(Profile::streamUri).contains(SUB.uri());
            assertThat(info.ptz().supported()).isTrue();
            assertThat(info.ptz().profileToken()).isEqualTo("profile_main");
            assertThat(info.clock().skew().abs()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void clockSkewIsReportedAndTheDigestIsDatedInDeviceTime() {
        // 10 minutes is beyond the device's 5-minute window for Created: only the learned offset lets the digest pass.
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config().withClockOffset(Duration.ofSeconds(600))))) {
            OnvifClient naive = client(sim, PASSWORD);
            assertThatThrownBy(() -> await(naive.deviceInformation()))
                    .isInstanceOfSatisfying(OnvifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTH_REFUSED));

            OnvifClient client = client(sim, PASSWORD);
            ClockReading clock = await(client.readClock());
            assertThat(clock.skew().toSeconds()).isBetween(599L, 601L);
            assertThat(await(client.deviceInformation()).model()).isEqualTo(sim.config().device().model());
        }
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config().withClockOffset(Duration.ofSeconds(90))))) {
            OnvifInfo info = await(client(sim, PASSWORD).info());
            assertThat(info.clock().skew().toSeconds()).isBetween(89L, 91L);
            assertThat(OnvifJson.info(info).getJsonObject("clock").getLong("skewSeconds")).isBetween(89L, 91L);
        }
    }

    @Test
    void wrongPasswordIsRefusedClearlyWithoutEchoingIt() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config()))) {
            OnvifClient client = client(sim, "not-the-password");
            await(client.readClock()); // pre-auth: still answered
            assertThatThrownBy(() -> await(client.deviceInformation()))
                    .isInstanceOfSatisfying(OnvifException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.AUTH_REFUSED);
                        assertThat(e.reason()).startsWith("auth refused:").contains("NotAuthorized")
                                .doesNotContain("not-the-password");
                    });
        }
    }

    @Test
    void ptzMovesStopsAndKeepsPresets() throws Exception {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config()))) {
            OnvifClient client = client(sim, PASSWORD);
            await(client.readClock());
            String profile = "profile_main";

            await(client.continuousMove(profile, new PtzVelocity(0.5, -0.25, 0), null));
            assertThat(sim.ptz().moving()).isTrue();
            assertThat(sim.ptz().velocity()).isEqualTo(new PtzVelocity(0.5, -0.25, 0));
            Thread.sleep(300);
            await(client.stop(profile));
            var stopped = sim.ptz();
            assertThat(stopped.moving()).isFalse();
            assertThat(stopped.pan()).isGreaterThan(0.1);
            assertThat(stopped.tilt()).isLessThan(-0.05);

            String gate = await(client.setPreset(profile, "North gate"));
            await(client.continuousMove(profile, new PtzVelocity(-1, 0, 0), Duration.ofMillis(200)));
            Thread.sleep(400);
            assertThat(sim.ptz().moving()).as("a move with a timeout ends by itself").isFalse();
            assertThat(sim.ptz().pan()).isLessThan(stopped.pan() - 0.1);

            await(client.gotoPreset(profile, gate));
            assertThat(sim.ptz().pan()).isEqualTo(stopped.pan());
            assertThat(await(client.presets(profile))).containsExactly(new Preset(gate, "North gate"));
            assertThatThrownBy(() -> await(client.gotoPreset(profile, "no-such-preset")))
                    .isInstanceOfSatisfying(OnvifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAULT));
        }
    }

    @Test
    void unreachableDeviceIsReportedAsSuch() {
        OnvifClient client = new OnvifClient(vertx, http, URI.create("http://127.0.0.1:9/onvif/device_service"), null,
                OnvifSettings.DEFAULT);
        assertThatThrownBy(() -> await(client.readClock()))
                .isInstanceOfSatisfying(OnvifException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
    }

    @Test
    void anHttpServerThatIsNotOnvifIsNamedSo() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config()))) {
            URI wrongPath = sim.deviceServiceUrl().resolve("/index.html");
            OnvifClient client = new OnvifClient(vertx, http, wrongPath, null, OnvifSettings.DEFAULT);
            assertThatThrownBy(() -> await(client.readClock()))
                    .isInstanceOfSatisfying(OnvifException.class, e -> assertThat(e.reason()).startsWith("not onvif:").contains("404"));
        }
    }

    @Test
    void unicastDiscoveryOnLoopbackFindsTheSimulator() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config()))) {
            List<DiscoveredDevice> found = await(WsDiscovery.probe(vertx,
                    DiscoveryTarget.unicast("127.0.0.1", sim.discoveryPort()), Duration.ofMillis(700)));
            assertThat(found).singleElement().satisfies(d -> {
                assertThat(d.endpoint()).isEqualTo(sim.config().endpoint());
                assertThat(d.xaddrs()).containsExactly(sim.deviceServiceUrl().toString());
                assertThat(d.types()).containsExactly("dn:NetworkVideoTransmitter");
                assertThat(d.from()).isEqualTo("127.0.0.1");
            });
        }
    }

    @Test
    void multicastDiscoveryLeavingThroughLoopbackFindsTheSimulator() {
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config().withMulticast("lo")))) {
            List<DiscoveredDevice> found = await(WsDiscovery.probe(vertx, DiscoveryTarget.multicast("lo"), Duration.ofSeconds(1)));
            assertThat(found).extracting(DiscoveredDevice::endpoint).contains(sim.config().endpoint());
        }
    }

    @Test
    void theSimulatorAnnouncesItselfWithHelloOnLoopbackOnly() throws Exception {
        io.vertx.core.datagram.DatagramSocket listener = vertx.createDatagramSocket(new io.vertx.core.datagram.DatagramSocketOptions()
                .setReuseAddress(true).setReusePort(true));
        java.util.concurrent.LinkedBlockingQueue<DiscoveredDevice> hellos = new java.util.concurrent.LinkedBlockingQueue<>();
        listener.handler(p -> {
            try {
                hellos.add(WsDiscovery.parseHello(p.data().getBytes(), p.sender().host()));
            } catch (OnvifException e) {
                // probes and matches of other tests share the group
            }
        });
        await(listener.listen(WsDiscovery.PORT, WsDiscovery.GROUP));
        await(listener.listenMulticastGroup(WsDiscovery.GROUP, "lo", null));
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config().withMulticast("lo")))) {
            DiscoveredDevice hello;
            do {
                hello = hellos.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(hello).as("Hello within 5 s").isNotNull();
            } while (!hello.endpoint().equals(sim.config().endpoint()));
            assertThat(hello.xaddrs()).containsExactly(sim.deviceServiceUrl().toString());
            assertThat(hello.from()).isEqualTo("127.0.0.1");
        } finally {
            await(listener.close());
        }
    }
}
