package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sharpeyes.gateway.onvif.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.onvif.sim.OnvifSimulator;
import org.sharpeyes.gateway.onvif.sim.PtzSnapshot;
import org.sharpeyes.storage.testing.Repo;

/**
 * The simulator checked by a client we did not write: npm {@code onvif@0.8.3}, run by
 * {@code tools/onvif/onvif-client-check.mjs} (packages installed by tools/install-node-deps.sh).
 */
class ThirdPartyClientTest {
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @Test
    void theNpmOnvifClientConnectsReadsProfilesAndStreamsMovesPtzAndDiscoversOnLoopback() throws Exception {
        assumeTrue(Repo.nodeAvailable(), "node is not installed; ./sharpeyes test installs it");
        var config = OnvifClientTest.config().withClockOffset(Duration.ofSeconds(90)).withMulticast("lo");
        try (OnvifSimulator sim = await(OnvifSimulator.start(vertx, config))) {
            JsonObject result = runCheck(List.of("--host", "127.0.0.1", "--port", String.valueOf(sim.deviceServiceUrl().getPort()),
                    "--user", OnvifClientTest.USER, "--password", OnvifClientTest.PASSWORD, "--discover-on-lo"));

            assertThat(result.getString("error")).isNull();
            JsonObject info = result.getJsonObject("deviceInformation");
            assertThat(info.getString("manufacturer")).isEqualTo(config.device().manufacturer());
            assertThat(info.getString("model")).isEqualTo(config.device().model());
            assertThat(info.getString("serialNumber")).isEqualTo(config.device().serialNumber());

            JsonArray profiles = result.getJsonArray("profiles");
            assertThat(profiles).hasSize(2);
            assertThat(profiles.getJsonObject(0).getMap()).containsEntry("token", "profile_main")
                    .containsEntry("streamUri", OnvifClientTest.MAIN.uri()).containsEntry("snapshotUri", OnvifClientTest.SNAPSHOT)
                    .containsEntry("width", 1920).containsEntry("height", 1080).containsEntry("encoding", "H264");
            assertThat(profiles.getJsonObject(1).getMap()).containsEntry("token", "profile_sub")
                    .containsEntry("streamUri", OnvifClientTest.SUB.uri()).containsEntry("width", 640);
            assertThat(result.getString("defaultProfile")).isEqualTo("profile_main");

            // The client's ContinuousMove (0.5, 0.25) for ~300 ms, then Stop and a preset recalled there.
            PtzSnapshot ptz = sim.ptz();
            assertThat(ptz.moving()).isFalse();
            assertThat(ptz.pan()).isBetween(0.1, 0.5);
            assertThat(ptz.tilt()).isBetween(0.05, 0.25);
            assertThat(ptz.presets()).containsEntry(result.getJsonObject("ptz").getString("presetToken"), "Gate");
            assertThat(result.getJsonObject("ptz").getJsonArray("presets").getList()).containsExactly("Gate");

            assertThat(result.getJsonArray("discovered").stream().map(o -> ((JsonObject) o).getString("endpoint")))
                    .contains(config.endpoint());
        }
    }

    static JsonObject runCheck(List<String> args) throws IOException, InterruptedException {
        Path script = Repo.root().resolve("tools/onvif/onvif-client-check.mjs");
        List<String> command = new java.util.ArrayList<>(List.of("node", script.toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("onvif-client-check did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(out).as("one JSON line from onvif-client-check (exit %d)", p.exitValue()).startsWith("{");
        JsonObject json = new JsonObject(out);
        assertThat(p.exitValue()).as("exit code; output: %s", out).isZero();
        return json;
    }

}
