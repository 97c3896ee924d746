package org.sharpeyes.console.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.Camera;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.testing.Browser;
import org.sharpeyes.console.testing.ConsoleFixture;
import org.sharpeyes.gateway.onvif.sim.OnvifSimulator;
import org.sharpeyes.gateway.onvif.sim.SimulatorConfig;
import org.sharpeyes.gateway.onvif.sim.StreamSpec;
import org.sharpeyes.gateway.registry.CameraSpec;

/** PTZ through the API drives the project's ONVIF simulator (WS-Security digest with the stored, encrypted login). */
class PtzAndDiscoveryTest {
    static ConsoleFixture fx;
    static OnvifSimulator sim;
    static Camera ptzCamera;
    static Browser admin;

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(ConsoleSettings.DEFAULTS);
        sim = OnvifSimulator.start(fx.vertx, SimulatorConfig.loopback("onvif-user", "onvif-secret",
                new StreamSpec("rtsp://127.0.0.1:8554/main", 1280, 720, 25), null, null))
                .toCompletionStage().toCompletableFuture().get();
        ptzCamera = fx.registry.create(CameraSpec.builder().name("球机").gridCode(fx.tree.grids().get(0)).siteType("CROWDED")
                .mainUrl("rtsp://127.0.0.1:8554/main").onvifUrl(sim.deviceServiceUrl().toString())
                .login("onvif-user", "onvif-secret").build());
        admin = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
        fx.close();
    }

    @Test
    void moveAndStopReachTheCamera() throws Exception {
        String base = "/api/cameras/" + ptzCamera.id() + "/ptz/";
        HttpResponse<String> r = admin.post(base + "move", new JsonObject().put("pan", 0.5).put("tilt", -0.25));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.ptz().moving());
        assertThat(sim.ptz().velocity().pan()).isEqualTo(0.5);
        assertThat(admin.post(base + "stop", null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> !sim.ptz().moving());
        assertThat(admin.get("/api/audit?limit=20").body()).contains("PTZ_MOVE");
    }

    @Test
    void velocitiesOutOfRangeAreRefusedBeforeTheCameraIsAsked() throws Exception {
        HttpResponse<String> r = admin.post("/api/cameras/" + ptzCamera.id() + "/ptz/move", new JsonObject().put("pan", 3).put("tilt", 0));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("field")).isEqualTo("pan");
    }

    @Test
    void aCameraWithoutOnvifSaysSo() throws Exception {
        Camera plain = fx.camera("枪机", 0);
        HttpResponse<String> r = admin.post("/api/cameras/" + plain.id() + "/ptz/stop", null);
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void unicastDiscoveryFindsTheSimulator() throws Exception {
        HttpResponse<String> r = admin.post("/api/onvif/discover", new JsonObject().put("host", "127.0.0.1").put("port", sim.discoveryPort()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray found = new JsonArray(r.body());
        assertThat(found).hasSize(1);
        assertThat(found.getJsonObject(0).getJsonArray("xaddrs").getString(0)).isEqualTo(sim.deviceServiceUrl().toString());
    }

    @Test
    void theCameraLoginNeverComesBack() throws Exception {
        String body = admin.get("/api/cameras/" + ptzCamera.id()).body();
        assertThat(body).doesNotContain("onvif-secret").contains("\"hasCredentials\":true");
    }
}
