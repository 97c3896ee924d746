package org.sharpeyes.console.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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

class SearchAndExportTest {
    static ConsoleFixture fx;
    static Browser admin;
    static Camera gate;
    static final Instant T = Instant.parse("2026-12-01T07:00:00Z");
    static final String WINDOW = "from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(ConsoleSettings.DEFAULTS);
        gate = fx.camera("东门", 0);
        Camera market = fx.camera("菜市场", 0);
        List<Detection> events = new ArrayList<>();
        String[] plates = {"渝A12345", "渝A12346", "渝B99999", "渝A12345"};
        for (int i = 0; i < plates.length; i++) {
            String key = fx.snapshots.put(("jpeg-" + i).getBytes(StandardCharsets.UTF_8));
            events.add(new Detection(UUID.randomUUID(), T.plusSeconds(i * 60L), i % 2 == 0 ? gate.id() : market.id(), fx.placement(0),
                    DetectionKind.PLATE, plates[i], PlateColor.BLUE, 0.9f, new Box(1, 2, 3, 4), i, key, key, null));
        }
        fx.store(events);
        admin = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void searchesNeedACaseReference() throws Exception {
        HttpResponse<String> r = admin.get("/api/events?" + WINDOW + "&plate=渝A12345");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject error = new JsonObject(r.body()).getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("CASE_REF_REQUIRED");
        assertThat(error.getString("field")).isEqualTo("caseRef");
    }

    @Test
    void badParametersNameTheField() throws Exception {
        JsonObject error = new JsonObject(admin.get("/api/events?from=yesterday&to=2026-12-02T00:00:00Z&caseRef=C").body()).getJsonObject("error");
        assertThat(error.getString("field")).isEqualTo("from");
        error = new JsonObject(admin.get("/api/events?" + WINDOW + "&caseRef=C&plate=渝A*&match=exact").body()).getJsonObject("error");
        assertThat(error.getString("field")).isEqualTo("plate");
        error = new JsonObject(admin.get("/api/events?" + WINDOW + "&caseRef=C&limit=100000").body()).getJsonObject("error");
        assertThat(error.getString("field")).isEqualTo("limit");
    }

    @Test
    void wildcardSearchFindsMatchingPlatesAndIsAuditedWithItsParametersAndCount() throws Exception {
        HttpResponse<String> r = admin.get("/api/events?" + WINDOW + "&plate=渝A*4?&match=wildcard&caseRef=案-2026-001");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray items = new JsonObject(r.body()).getJsonArray("items");
        assertThat(items.stream().map(o -> ((JsonObject) o).getJsonObject("plate").getString("text")).toList())
                .containsExactly("渝A12345", "渝A12346", "渝A12345");
        assertThat(items.getJsonObject(1).getString("cameraName")).isEqualTo("菜市场");
        JsonArray audit = new JsonObject(admin.get("/api/audit?limit=50").body()).getJsonArray("items");
        JsonObject entry = audit.stream().map(o -> (JsonObject) o).filter(e -> "SEARCH".equals(e.getString("action")))
                .filter(e -> "案-2026-001".equals(e.getString("caseRef"))).findFirst().orElseThrow();
        assertThat(entry.getJsonObject("detail").getString("plate")).isEqualTo("渝A*4?");
        assertThat(entry.getJsonObject("detail").getInteger("results")).isEqualTo(3);
    }

    @Test
    void searchPagesFollowTheCursor() throws Exception {
        JsonObject first = new JsonObject(admin.get("/api/events?" + WINDOW + "&caseRef=C&limit=3").body());
        assertThat(first.getJsonArray("items")).hasSize(3);
        JsonObject second = new JsonObject(admin.get("/api/events?" + WINDOW + "&caseRef=C&limit=3&cursor=" + first.getString("next")).body());
        assertThat(second.getJsonArray("items")).hasSize(1);
        assertThat(second.getString("next")).isNull();
    }

    @Test
    void aTrajectoryListsSightingsOldestFirst() throws Exception {
        JsonObject t = new JsonObject(admin.get("/api/trajectory?plate=渝A12345&" + WINDOW + "&caseRef=C").body());
        JsonArray s = t.getJsonArray("sightings");
        assertThat(s).hasSize(2);
        assertThat(Instant.parse(s.getJsonObject(0).getString("time"))).isBefore(Instant.parse(s.getJsonObject(1).getString("time")));
        assertThat(s.getJsonObject(0).getDouble("lat")).isEqualTo(29.5);
    }

    @Test
    void anEvidencePackageHoldsEveryFileWithItsHashInTheManifest() throws Exception {
        JsonObject body = new JsonObject().put("format", "zip").put("caseRef", "案-2026-002")
                .put("query", new JsonObject().put("from", "2026-12-01T00:00:00Z").put("to", "2026-12-02T00:00:00Z").put("plate", "渝A12345"));
        HttpResponse<byte[]> r = admin.sendBytes("POST", "/api/exports", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).isEqualTo("application/zip");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        JsonObject manifest = new JsonObject(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
        assertThat(manifest.getString("caseRef")).isEqualTo("案-2026-002");
        assertThat(manifest.getString("user")).isEqualTo("admin");
        assertThat(manifest.getInteger("events")).isEqualTo(2);
        JsonArray files = manifest.getJsonArray("files");
        assertThat(files).hasSize(3); // events.csv and the two events' images (snapshot and crop share a key)
        for (Object o : files) {
            JsonObject f = (JsonObject) o;
            byte[] content = entries.get(f.getString("name"));
            assertThat(content).as(f.getString("name")).isNotNull();
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content))).isEqualTo(f.getString("sha256"));
        }
        assertThat(new String(entries.get("events.csv"), StandardCharsets.UTF_8)).contains("渝A12345").contains("东门");
    }

    @Test
    void aCsvExportNeedsACaseRefAndHasOneRowPerEvent() throws Exception {
        JsonObject query = new JsonObject().put("from", "2026-12-01T00:00:00Z").put("to", "2026-12-02T00:00:00Z");
        assertThat(admin.post("/api/exports", new JsonObject().put("format", "csv").put("query", query)).statusCode()).isEqualTo(400);
        HttpResponse<String> r = admin.post("/api/exports", new JsonObject().put("format", "csv").put("caseRef", "C-3").put("query", query));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().strip().split("\r\n")).hasSize(5);
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasAreDefused() {
        assertThat(EventCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(EventCsv.cell("+1")).isEqualTo("'+1");
        assertThat(EventCsv.cell("渝A12345")).isEqualTo("渝A12345");
    }
}
