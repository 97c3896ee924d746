package org.sharpeyes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.analytics.synth.SceneGenerator;
import org.sharpeyes.gateway.registry.CameraSpec;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.testing.RtspCamera;
import org.sharpeyes.storage.testing.TestOrgTree;

/**
 * The whole path on generated street video: a GStreamer RTSP camera plays it, the node pulls it,
 * the pipeline decodes, gates on motion and reads plates, the tracker makes one event per car,
 * and the events land in the database with the camera's placement and a snapshot that resolves.
 */
class AnalyticsNodeTest {
    private static final int SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void platesOfAStreetVideoPlayedByAnRtspCameraEndUpAsEventsInTheDatabase() throws Exception {
        SceneGenerator.VideoSummary video;
        try (Astronaut astronaut = Astronaut.load()) {
            video = SceneGenerator.video(dir, "street", new SceneGenerator.VideoSpec(1280, 720, 25, SECONDS, 1), astronaut,
                    SceneGenerator.Progress.NONE);
        }
        Set<String> truth = new JsonObject(Files.readString(dir.resolve("street.tracks.json"))).getJsonArray("tracks").stream()
                .map(JsonObject.class::cast).filter(t -> t.getString("kind").equals("plate")).map(t -> t.getString("text"))
                .collect(Collectors.toSet());
        assertThat(truth).hasSizeGreaterThanOrEqualTo(5);

        Config config = Config.load(null, Map.of("SHARPEYES_GATEWAY_CREDENTIALKEYS", CredentialCipher.newKeySpec("k1")),
                List.of("node.dataDir=" + dir.resolve("node"), "http.port=0", "node.roles=gateway,storage,analytics,console",
                        "analytics.refresh=1s"));
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().file(video.video()).digest("admin", "pa55"));
             Node node = Node.start(config)) {
            TestOrgTree org = TestOrgTree.seed(node.database().dataSource(), 1, 1);
            UUID id = node.registry().create(CameraSpec.builder().name("解放碑路口").orgUnitId(org.communities().get(0))
                    .gridCode(org.grids().get(0)).siteType("ROAD").mainUrl(cam.urlWithCredentials()).build()).id();
            node.camerasChanged();

            // the clip plays once in real time; the last car's event follows its track's end
            await().atMost(Duration.ofSeconds(SECONDS + 60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> node.analytics().stats().stream().anyMatch(s -> s.pipeline().sampled() >= SECONDS * 5 - 10));
            await().atMost(Duration.ofSeconds(30)).until(() -> plates(node, id).size() >= truth.size() / 2);
            Thread.sleep(5_000); // tracks still open end by the stalled-stream tick; the writer commits them
            List<String> read = plates(node, id);
            assertThat(read).as("every event is a plate that was there, read exactly").allMatch(truth::contains);
            assertThat(Set.copyOf(read)).as("most cars read").hasSizeGreaterThanOrEqualTo((int) Math.ceil(truth.size() * 0.6));
            assertThat(read).as("one event per car").doesNotHaveDuplicates();
            assertThat(snapshotsResolve(node, id, dir.resolve("node/snapshots"))).isTrue();
            assertThat(node.analytics().stats()).singleElement().satisfies(s -> assertThat(s.pipeline().errors()).isZero());
            JsonObject runs = NodeTest.health(node).getJsonObject("components").getJsonObject("analytics")
                    .getJsonObject("modelRuns");
            for (String model : List.of("faces", "textDetection", "textRecognition")) {
                JsonObject m = runs.getJsonObject(model);
                assertThat(m.getLong("runs")).as(model).isPositive();
                assertThat(m.getLong("inputs")).as("%s: one camera on the CPU, every run its own", model)
                        .isGreaterThanOrEqualTo(m.getLong("runs"));
            }
            node.close(); // while the camera still plays
            assertThat(node.analytics().idle()).as("no detect thread runs once stopped, so the models could be freed").isTrue();
        }
    }

    private static List<String> plates(Node node, UUID camera) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = node.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT plate_text FROM detection WHERE camera_id = ? AND kind = 'PLATE'"
                     + " AND grid_code IS NOT NULL AND community_code IS NOT NULL ORDER BY ts")) {
            ps.setObject(1, camera);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean snapshotsResolve(Node node, UUID camera, Path root) throws Exception {
        try (Connection c = node.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT snapshot_key, crop_key FROM detection WHERE camera_id = ?")) {
            ps.setObject(1, camera);
            try (ResultSet rs = ps.executeQuery()) {
                int n = 0;
                while (rs.next()) {
                    for (int k = 1; k <= 2; k++) {
                        String key = rs.getString(k);
                        if (key == null || !Files.isRegularFile(root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key))) {
                            return false;
                        }
                    }
                    n++;
                }
                return n > 0;
            }
        }
    }
}
