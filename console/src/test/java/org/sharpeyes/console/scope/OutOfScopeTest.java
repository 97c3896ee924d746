package org.sharpeyes.console.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.PlateColor;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.testing.Browser;
import org.sharpeyes.console.testing.ConsoleFixture;

/**
 * A district-0 investigator and a district-0 admin try to reach district 1's cameras, events,
 * snapshots, alerts, watchlist entries and users through every endpoint that could leak them.
 */
class OutOfScopeTest {
    static ConsoleFixture fx;
    static Camera mine;
    static Camera theirs;
    static Browser root;
    static Browser investigator;
    static Browser localAdmin;
    static final Instant T = Instant.parse("2026-12-01T07:00:00Z");
    static final String WINDOW = "from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(ConsoleSettings.DEFAULTS);
        mine = fx.camera("本区-1", 0);
        theirs = fx.camera("他区-1", 1);
        String keyMine = fx.snapshots.put(new byte[] {1, 2, 3});
        String keyTheirs = fx.snapshots.put(new byte[] {4, 5, 6});
        fx.store(List.of(plate(mine, fx.placement(0), "渝A12345", keyMine, 0), plate(theirs, fx.placement(1), "渝A12345", keyTheirs, 60)));
        root = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
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

    @Test
    void cameraListsAndTreesShowOnlyTheSubtree() throws Exception {
        JsonArray cams = new JsonObject(investigator.get("/api/cameras").body()).getJsonArray("items");
        assertThat(cams.stream().map(o -> ((JsonObject) o).getString("name")).toList()).containsExactly("本区-1");
        JsonArray whole = new JsonArray(root.get("/api/org-units").body());
        assertThat(whole).hasSize(1);
        assertThat(whole.getJsonObject(0).getLong("id")).isEqualTo(fx.tree.city());
        assertThat(whole.getJsonObject(0).getJsonArray("children")).hasSize(2);
        JsonArray tree = new JsonArray(investigator.get("/api/org-units").body());
        assertThat(tree).hasSize(1);
        assertThat(tree.getJsonObject(0).getLong("id")).isEqualTo(fx.tree.districts().get(0));
        JsonArray grids = new JsonObject(investigator.get("/api/grids").body()).getJsonArray("features");
        assertThat(grids.stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly(fx.tree.grids().get(0));
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

    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isIn("OUT_OF_SCOPE", "FORBIDDEN");
    }
}
