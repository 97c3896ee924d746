package org.sharpeyes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.analytics.synth.SceneGenerator;
import org.sharpeyes.gateway.registry.CameraSpec;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.testing.RtspCamera;
import org.sharpeyes.storage.testing.TestOrgTree;

/**
 * The console in headless Chromium against a whole node (gateway, analytics, storage, console)
 * with four GStreamer cameras looping a generated street video: the live wall plays four tiles,
 * a watchlisted plate raises an alert that is acknowledged, the plate is searched, its
 * trajectory opened and an evidence package exported and checked, an admin draws a camera's
 * region of interest, and a district user is refused a camera of another district. The browser scripts are console/web/e2e/*.mjs; their
 * screenshots land in server/target/e2e-screenshots.
 */
class ConsoleBrowserTest {
    private static final String PASSWORD = "browser-test-admin";
    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void operatorsAndInvestigatorsDoTheirWorkInARealBrowser() throws Exception {
        Path repo = Path.of(System.getProperty("sharpeyes.repo", "..")).toAbsolutePath();
        Path e2e = repo.resolve("console/web/e2e");
        Path shots = repo.resolve("server/target/e2e-screenshots");
        Files.createDirectories(shots);
        SceneGenerator.VideoSummary video;
        try (Astronaut astronaut = Astronaut.load()) {
            video = SceneGenerator.video(dir, "street", new SceneGenerator.VideoSpec(1280, 720, 25, 30, 1), astronaut,
                    SceneGenerator.Progress.NONE);
        }
        String watched = firstPlate(dir.resolve("street.tracks.json"));

        Config config = Config.load(null, Map.of("SHARPEYES_GATEWAY_CREDENTIALKEYS", CredentialCipher.newKeySpec("k1")),
                List.of("node.dataDir=" + dir.resolve("node"), "http.port=0", "console.adminPassword=" + PASSWORD,
                        "analytics.refresh=1s"));
        try (RtspCamera cams = RtspCamera.start(RtspCamera.Options.h264().file(video.video()).looped().mounts(5));
             Node node = Node.start(config)) {
            TestOrgTree org = TestOrgTree.seed(node.database().dataSource(), 2, 1);
            List<UUID> wall = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                wall.add(node.registry().create(CameraSpec.builder().name(String.format("解放碑%02d", i))
                        .gridCode(org.grids().get(0)).siteType("ROAD").position(29.557 + i * 0.001, 106.577)
                        .mainUrl(cams.url(i)).plates(i == 0).faces(false).build()).id());
            }
            UUID elsewhere = node.registry().create(CameraSpec.builder().name("江北-外区").gridCode(org.grids().get(1)).siteType("ROAD")
                    .mainUrl(cams.url(4)).plates(false).faces(false).build()).id();
            node.camerasChanged();

            String base = "http://127.0.0.1:" + node.httpPort();
            Api admin = new Api(base).login("admin", PASSWORD);
            assertThat(admin.send("POST", "/api/users", new JsonObject().put("username", "district1").put("password", "district-one-pass")
                    .put("role", "INVESTIGATOR").put("scopeOrgId", org.districts().get(0))).statusCode()).isEqualTo(201);
            assertThat(admin.send("POST", "/api/watchlist", new JsonObject().put("pattern", watched).put("reason", "被盗车辆")
                    .put("caseRef", "E2E-2026-1")).statusCode()).isEqualTo(201);

            Map<String, String> env = new HashMap<>(Map.of("SHARPEYES_URL", base, "SHARPEYES_USER", "admin",
                    "SHARPEYES_PASSWORD", PASSWORD, "SHARPEYES_SHOTS", shots.toString(), "SHARPEYES_PLATE", watched,
                    "SHARPEYES_CASE_REF", "E2E-2026-1", "SHARPEYES_E2E_TIMEOUT_S", Long.toString(SCRIPT_LIMIT.toSeconds())));
            assertPasses(e2e.resolve("wall.mjs"), env);
            assertPasses(e2e.resolve("alert.mjs"), env);
            await().atMost(Duration.ofSeconds(60)).until(() -> platesStored(node, watched) > 0);
            assertPasses(e2e.resolve("search.mjs"), env);
            env.put("SHARPEYES_ROI_CAMERA", wall.get(3).toString()); // reads no plates: its region changes nothing above
            assertPasses(e2e.resolve("roi.mjs"), env);
            env.putAll(Map.of("SHARPEYES_USER", "district1", "SHARPEYES_PASSWORD", "district-one-pass",
                    "SHARPEYES_OUT_OF_SCOPE_CAMERA", elsewhere.toString()));
            assertPasses(e2e.resolve("scope.mjs"), env);
            assertThat(admin.get("/api/audit/verify")).contains("\"ok\":true");
            assertThat(admin.get("/api/audit?limit=500")).contains("LIVE_VIEW_START").contains("EXPORT").contains("ALERT_ACK");
        }
    }

    /** The first blue, yellow or green plate to pass (the reader's best formats), so the looped video shows it early. */
    private static String firstPlate(Path tracks) throws Exception {
        return new JsonObject(Files.readString(tracks)).getJsonArray("tracks").stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("kind").equals("plate") && List.of("blue", "yellow", "green").contains(t.getString("format")))
                .min(Comparator.comparingInt(t -> t.getInteger("firstFrame"))).orElseThrow().getString("text");
    }

    private static int platesStored(Node node, String plate) throws Exception {
        try (Connection c = node.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM detection WHERE plate_text = ?")) {
            ps.setString(1, plate);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void assertPasses(Path script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(SCRIPT_LIMIT.toSeconds() + 30, TimeUnit.SECONDS)).as(script + " finished").isTrue();
        assertThat(p.exitValue()).as(script.getFileName() + ": " + out).isZero();
        assertThat(new JsonObject(out.substring(out.lastIndexOf('\n') + 1)).getBoolean("ok")).isTrue();
    }

    /** A logged-in API client for the setup steps. */
    private static final class Api {
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).build();
        private String csrf;

        Api(String base) {
            this.base = base;
        }

        Api login(String user, String password) throws Exception {
            HttpResponse<String> r = send("POST", "/api/auth/login", new JsonObject().put("username", user).put("password", password));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            csrf = new JsonObject(r.body()).getString("csrfToken");
            return this;
        }

        String get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        HttpResponse<String> send(String method, String path, JsonObject body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
