package org.sharpeyes.console.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.watchlist.Alert;
import org.sharpeyes.analytics.watchlist.WatchEntry;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.HealthSample;
import org.sharpeyes.common.PlateColor;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.testing.Browser;
import org.sharpeyes.console.testing.ConsoleFixture;
import org.sharpeyes.console.watchlist.AlertStore;
import org.sharpeyes.console.watchlist.WatchlistStore;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.quality.Fault;
import org.sharpeyes.gateway.quality.QualityReport;
import org.sharpeyes.storage.HealthWriter;

/**
 * A district-0 investigator and a district-0 admin try to reach district 1's cameras, events,
 * heat-map counts, exports, health figures, snapshots, alerts, watchlist entries and users through
 * every endpoint that could leak them. Each district has one camera, one plate event, health
 * samples and one alert, so every answer can be checked for holding district 0's item and not
 * district 1's.
 */
class OutOfScopeTest {
    static ConsoleFixture fx;
    static Camera mine;
    static Camera theirs;
    static Browser root;
    static Browser investigator;
    static Browser localAdmin;
    static String keyMine;
    static long alertMine;
    static long alertTheirs;
    static final Instant T = Instant.parse("2026-12-01T07:00:00Z");
    static final String WINDOW = "from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(ConsoleSettings.DEFAULTS);
        mine = fx.camera("本区-1", 0);
        theirs = fx.camera("他区-1", 1);
        keyMine = fx.snapshots.put(new byte[] {1, 2, 3});
        String keyTheirs = fx.snapshots.put(new byte[] {4, 5, 6});
        fx.store(List.of(plate(mine, fx.placement(0), "渝A12345", keyMine, 0), plate(theirs, fx.placement(1), "渝A12345", keyTheirs, 60)));
        try (HealthWriter samples = new HealthWriter(fx.database, 10, Duration.ofHours(1))) {
            samples.offer(sample(mine, CameraStatus.ONLINE));
            samples.offer(sample(theirs, CameraStatus.OFFLINE));
            assertThat(samples.flush()).isEqualTo(2);
        }
        root = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
        HttpResponse<String> watched = root.post("/api/watchlist", new JsonObject().put("pattern", "渝A12345").put("reason", "stolen")
                .put("caseRef", "C-7"));
        assertThat(watched.statusCode()).isEqualTo(201);
        WatchEntry entry = fx.watchlist.entries().stream()
                .filter(e -> e.id().equals(WatchlistStore.uuidOf(new JsonObject(watched.body()).getLong("id")))).findFirst().orElseThrow();
        AlertStore alerts = new AlertStore(fx.database.dataSource());
        alertMine = alerts.insert(alert(entry, mine, 0, keyMine)).id();
        alertTheirs = alerts.insert(alert(entry, theirs, 1, keyTheirs)).id();
        long district0 = fx.tree.districts().get(0);
        for (String[] u : new String[][] {{"inv0", "INVESTIGATOR"}, {"adm0", "ADMIN"}}) {
            assertThat(root.post("/api/users", new JsonObject().put("username", u[0]).put("password", "district-zero-pass")
                    .put("role", u[1]).put("scopeOrgId", district0)).statusCode()).isEqualTo(201);
        }
        investigator = new Browser(fx).login("inv0", "district-zero-pass");
        localAdmin = new Browser(fx).login("adm0", "district-zero-pass");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    static Detection plate(Camera c, org.sharpeyes.common.Placement p, String text, String key, int seconds) {
        return new Detection(UUID.randomUUID(), T.plusSeconds(seconds), c.id(), p, DetectionKind.PLATE, text, PlateColor.BLUE, 0.9f,
                new Box(10, 10, 100, 30), seconds, key, key, null);
    }

    static HealthSample sample(Camera c, CameraStatus status) {
        return new HealthSample(T, c.id(), status, status == CameraStatus.ONLINE ? null : "no packets", null, null, null, null, null, 0,
                Map.of(), List.of());
    }

    static Alert alert(WatchEntry entry, Camera c, int district, String key) {
        return new Alert(entry, c.id(), fx.placement(district), T, "渝A12345", 0.9f, key, key, 0, new Box(10, 10, 100, 30));
    }

    @Test
    void cameraListsAndTreesShowOnlyTheSubtree() throws Exception {
        JsonArray cams = new JsonObject(investigator.get("/api/cameras").body()).getJsonArray("items");
        assertThat(values(cams, "name")).containsExactly("本区-1");
        JsonArray whole = new JsonArray(root.get("/api/org-units").body());
        assertThat(whole).hasSize(1);
        assertThat(whole.getJsonObject(0).getLong("id")).isEqualTo(fx.tree.city());
        assertThat(whole.getJsonObject(0).getJsonArray("children")).hasSize(2);
        JsonArray tree = new JsonArray(investigator.get("/api/org-units").body());
        assertThat(tree).hasSize(1);
        assertThat(tree.getJsonObject(0).getLong("id")).isEqualTo(fx.tree.districts().get(0));
        JsonArray grids = new JsonObject(investigator.get("/api/grids").body()).getJsonArray("features");
        assertThat(values(grids, "id")).containsExactly(fx.tree.grids().get(0));
        assertThat(investigator.get("/api/cameras?orgUnitId=" + fx.tree.districts().get(1)).statusCode()).isEqualTo(403);
    }

    @Test
    void anOutOfScopeCameraIsRefusedForReadEditAndDelete() throws Exception {
        String path = "/api/cameras/" + theirs.id();
        assertRefused(investigator.get(path));
        assertRefused(localAdmin.put(path, new JsonObject().put("name", "x").put("gridCode", fx.tree.grids().get(1))
                .put("siteType", "ROAD").put("mainUrl", "rtsp://127.0.0.1/x")));
        assertRefused(localAdmin.delete(path));
        assertThat(root.get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void aScopedAdminCannotPlaceACameraOutsideTheirSubtree() throws Exception {
        HttpResponse<String> r = localAdmin.post("/api/cameras", new JsonObject().put("name", "越界").put("gridCode", fx.tree.grids().get(1))
                .put("siteType", "ROAD").put("mainUrl", "rtsp://127.0.0.1:8554/yuejie"));
        assertRefused(r);
        assertRefused(localAdmin.post("/api/cameras/import", "name,grid_code,site_type,main_url\n"));
    }

    @Test
    void searchesTrajectoriesAndHeatMapsSeeOnlyInScopeEvents() throws Exception {
        JsonArray all = new JsonObject(root.get("/api/events?" + WINDOW + "&plate=渝A12345&caseRef=C-1").body()).getJsonArray("items");
        assertThat(all).hasSize(2);
        JsonArray events = new JsonObject(investigator.get("/api/events?" + WINDOW + "&plate=渝A12345&caseRef=C-1").body()).getJsonArray("items");
        assertThat(events).hasSize(1);
        assertThat(events.getJsonObject(0).getString("cameraId")).isEqualTo(mine.id().toString());
        JsonArray sightings = new JsonObject(investigator.get("/api/trajectory?plate=渝A12345&" + WINDOW + "&caseRef=C-1").body())
                .getJsonArray("sightings");
        assertThat(sightings).hasSize(1);
        assertRefused(investigator.get("/api/events?" + WINDOW + "&caseRef=C-1&orgUnitId=" + fx.tree.districts().get(1)));
        JsonArray byCamera = new JsonObject(investigator.get("/api/events?" + WINDOW + "&caseRef=C-1&cameraId=" + theirs.id()).body())
                .getJsonArray("items");
        assertThat(byCamera).isEmpty();
        JsonArray wholeMap = new JsonArray(root.get("/api/events/heatmap?" + WINDOW).body());
        assertThat(values(wholeMap, "gridCode")).containsExactlyInAnyOrderElementsOf(fx.tree.grids());
        JsonArray heatMap = new JsonArray(investigator.get("/api/events/heatmap?" + WINDOW).body());
        assertThat(values(heatMap, "gridCode")).containsExactly(fx.tree.grids().get(0));
        assertThat(heatMap.getJsonObject(0).getLong("count")).isEqualTo(1);
    }

    @Test
    void exportsHoldOnlyInScopeEventsAndImages() throws Exception {
        JsonObject query = new JsonObject().put("from", "2026-12-01T00:00:00Z").put("to", "2026-12-02T00:00:00Z").put("plate", "渝A12345");
        assertThat(text(export(root, "csv", query))).contains(mine.id().toString(), theirs.id().toString());
        assertThat(text(export(investigator, "csv", query))).contains(mine.id().toString()).doesNotContain(theirs.id().toString());
        assertThat(text(export(investigator, "csv", query.copy().put("cameraId", theirs.id().toString()))).strip().split("\r\n"))
                .hasSize(1); // the header alone
        HttpResponse<byte[]> refused = export(investigator, "csv", query.copy().put("orgUnitId", fx.tree.districts().get(1)));
        assertRefused(refused.statusCode(), text(refused));

        Map<String, byte[]> zip = unzip(export(investigator, "zip", query).body());
        assertThat(zip.keySet()).containsExactlyInAnyOrder("events.csv", "images/" + keyMine + ".jpg", "manifest.json");
        assertThat(new String(zip.get("events.csv"), StandardCharsets.UTF_8)).contains(mine.id().toString())
                .doesNotContain(theirs.id().toString());
        assertThat(new JsonObject(new String(zip.get("manifest.json"), StandardCharsets.UTF_8)).getInteger("events")).isEqualTo(1);
    }

    @Test
    void healthRatesCoverOnlyTheSubtreesUnitsAndGridCells() throws Exception {
        JsonArray wholeOrgs = new JsonArray(root.get("/api/health/rates?by=org&" + WINDOW).body());
        assertThat(values(wholeOrgs, "key")).contains(fx.placement(1).districtCode());
        JsonArray orgs = new JsonArray(localAdmin.get("/api/health/rates?by=org&" + WINDOW).body());
        assertThat(values(orgs, "key")).containsExactlyInAnyOrder(fx.placement(0).districtCode(), fx.placement(0).streetCode(),
                fx.placement(0).communityCode());
        JsonArray grids = new JsonArray(localAdmin.get("/api/health/rates?by=grid&" + WINDOW).body());
        assertThat(values(grids, "key")).containsExactly(fx.tree.grids().get(0));
    }

    @Test
    void faultAndOfflineListsNameOnlyInScopeCameras() throws Exception {
        // A camera has one live health at a time: first both report a picture fault, then both go offline.
        for (Camera c : List.of(mine, theirs)) {
            fx.health.put(c.id(), health(c, CameraStatus.DEGRADED, List.of(new QualityReport.Finding(Fault.BLUR, 0.9, 0.5, "blurred"))));
        }
        assertThat(values(new JsonArray(root.get("/api/health/faults").body()), "cameraId"))
                .containsExactlyInAnyOrder(mine.id().toString(), theirs.id().toString());
        assertThat(values(new JsonArray(localAdmin.get("/api/health/faults").body()), "cameraId")).containsExactly(mine.id().toString());
        for (Camera c : List.of(mine, theirs)) {
            fx.health.put(c.id(), health(c, CameraStatus.OFFLINE, List.of()));
        }
        assertThat(values(new JsonArray(root.get("/api/health/offline").body()), "cameraId"))
                .containsExactlyInAnyOrder(mine.id().toString(), theirs.id().toString());
        assertThat(values(new JsonArray(localAdmin.get("/api/health/offline").body()), "cameraId")).containsExactly(mine.id().toString());
    }

    @Test
    void alertsOutsideTheScopeAreNeitherListedNorAcknowledged() throws Exception {
        assertThat(values(new JsonObject(root.get("/api/alerts").body()).getJsonArray("items"), "cameraId"))
                .containsExactlyInAnyOrder(mine.id().toString(), theirs.id().toString());
        assertThat(values(new JsonObject(investigator.get("/api/alerts").body()).getJsonArray("items"), "cameraId"))
                .containsExactly(mine.id().toString());
        assertRefused(investigator.post("/api/alerts/" + alertTheirs + "/ack", null));
        assertThat(investigator.post("/api/alerts/" + alertMine + "/ack", null).statusCode()).isEqualTo(204);
        JsonArray unacknowledged = new JsonObject(root.get("/api/alerts?unacknowledged=true").body()).getJsonArray("items");
        assertThat(values(unacknowledged, "id")).containsExactly(Long.toString(alertTheirs));
    }

    @Test
    void snapshotLinksOpenOnlyForTheUserTheyWereGivenTo() throws Exception {
        JsonArray all = new JsonObject(root.get("/api/events?" + WINDOW + "&plate=渝A12345&caseRef=C-1").body()).getJsonArray("items");
        String theirsLink = all.stream().map(o -> (JsonObject) o).filter(e -> e.getString("cameraId").equals(theirs.id().toString()))
                .findFirst().orElseThrow().getString("snapshot");
        assertThat(root.getBytes("/api/snapshots/" + theirsLink).statusCode()).isEqualTo(200);
        assertThat(investigator.getBytes("/api/snapshots/" + theirsLink).statusCode()).isEqualTo(404);
        String rawKey = theirsLink.substring(0, theirsLink.indexOf('~'));
        assertThat(investigator.getBytes("/api/snapshots/" + rawKey).statusCode()).isEqualTo(404);
    }

    @Test
    void watchlistEntriesOfTheWholeTreeCannotBeDeletedByAScopedUser() throws Exception {
        HttpResponse<String> r = root.post("/api/watchlist", new JsonObject().put("pattern", "渝B*").put("reason", "stolen").put("caseRef", "C-9"));
        assertThat(r.statusCode()).isEqualTo(201);
        long id = new JsonObject(r.body()).getLong("id");
        assertRefused(investigator.delete("/api/watchlist/" + id));
    }

    @Test
    void usersOutsideTheScopeCannotBeSeenOrChangedAndNoWiderScopeCanBeGranted() throws Exception {
        JsonArray users = new JsonObject(localAdmin.get("/api/users").body()).getJsonArray("items");
        assertThat(users.stream().map(o -> ((JsonObject) o).getString("username")).toList()).doesNotContain("admin");
        assertRefused(localAdmin.post("/api/users", new JsonObject().put("username", "wide").put("password", "some-long-password")
                .put("role", "ADMIN").put("scopeOrgId", fx.tree.city())));
        assertRefused(localAdmin.put("/api/users/1", new JsonObject().put("role", "OPERATOR")));
        assertThat(localAdmin.get("/api/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void operatorsCannotSearch() throws Exception {
        assertThat(root.post("/api/users", new JsonObject().put("username", "op0").put("password", "operator-password")
                .put("role", "OPERATOR")).statusCode()).isEqualTo(201);
        Browser op = new Browser(fx).login("op0", "operator-password");
        assertThat(op.get("/api/events?" + WINDOW + "&caseRef=C-1").statusCode()).isEqualTo(403);
        assertThat(op.get("/api/cameras").statusCode()).isEqualTo(200);
    }

    static CameraHealth health(Camera c, CameraStatus status, List<QualityReport.Finding> faults) {
        return new CameraHealth(c.id(), T, CameraHealth.Source.STREAM, status, status == CameraStatus.ONLINE ? List.of() : List.of("test"),
                0, 0, 0, 0, null, T, 0, Duration.ZERO, Map.of(), faults);
    }

    private static HttpResponse<byte[]> export(Browser b, String format, JsonObject query) throws Exception {
        return b.sendBytes("POST", "/api/exports", new JsonObject().put("format", format).put("caseRef", "C-1").put("query", query));
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** Each item's {@code key} as text (ids and codes alike). */
    private static List<String> values(JsonArray items, String key) {
        return items.stream().map(o -> String.valueOf(((JsonObject) o).getValue(key))).toList();
    }

    private static void assertRefused(HttpResponse<String> r) {
        assertRefused(r.statusCode(), r.body());
    }

    private static void assertRefused(int status, String body) {
        assertThat(status).as(body).isEqualTo(403);
        assertThat(new JsonObject(body).getJsonObject("error").getString("code")).isIn("OUT_OF_SCOPE", "FORBIDDEN");
    }
}
