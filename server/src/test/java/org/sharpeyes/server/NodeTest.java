package org.sharpeyes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.gateway.registry.CameraSpec;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.registry.CameraRegistry.StreamKind;
import org.sharpeyes.storage.EventQuery;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.testing.TestEvents;
import org.sharpeyes.storage.testing.TestOrgTree;

/** A whole node with the embedded database, started and stopped twice on one data directory. */
class NodeTest {
    @TempDir
    Path dataDir;

    @Test
    void embeddedNodeServesHealthFlushesOnStopAndKeepsItsDataAcrossRestarts() throws Exception {
        Config config = Config.load(null, Map.of(), List.of("node.dataDir=" + dataDir, "http.port=0"));
        String firstPassword;
        try (Node node = Node.start(config)) {
            firstPassword = node.firstAdminPassword().orElseThrow();
            JsonObject health = health(node);
            assertThat(health.getString("status")).isEqualTo("UP");
            assertThat(health.getJsonObject("components").getJsonObject("database").getBoolean("embedded")).isTrue();
            assertThat(health.getJsonObject("components").getJsonObject("writer").getInteger("queueDepth")).isZero();
            for (int i = 0; i < 1000; i++) {
                node.writer().accept(TestEvents.plate(Instant.now(), "渝A1234" + (i % 10), TestEvents.CENTRE, UUID.randomUUID()));
            }
        }
        assertThat(firstPassword).hasSize(20);

        try (Node node = Node.start(config)) {
            assertThat(node.firstAdminPassword()).as("admin is created once").isEmpty();
            JsonObject writer = health(node).getJsonObject("components").getJsonObject("writer");
            assertThat(writer.getLong("journalBytes")).isZero();
            var search = new EventSearch(node.database(), Duration.ofDays(1), 100);
            var page = search.search(EventQuery.between(Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().plusSeconds(1)).limit(1000).build());
            assertThat(page.items()).as("every event accepted before the stop was stored").hasSize(1000);
        }
    }

    @Test
    void configuredCredentialKeySealsCameraLoginsAndABadKeyStopsTheStart() throws Exception {
        String key = CredentialCipher.newKeySpec("k1");
        Config config = Config.load(null, Map.of("SHARPEYES_GATEWAY_CREDENTIALKEYS", key),
                List.of("node.dataDir=" + dataDir, "http.port=0", "node.roles=gateway"));
        try (Node node = Node.start(config)) {
            TestOrgTree org = TestOrgTree.seed(node.database().dataSource(), 1, 1);
            var camera = node.registry().create(CameraSpec.builder().name("解放碑1号").orgUnitId(org.communities().get(0))
                    .gridCode(org.grids().get(0)).siteType("CROWDED").mainUrl("rtsp://admin:pw1@127.0.0.1:8554/cam0").build());
            assertThat(node.registry().streamUrl(camera.id(), StreamKind.MAIN)).contains("rtsp://admin:pw1@127.0.0.1:8554/cam0");
            assertThat(camera.toString()).doesNotContain("pw1");
        }
        Config bad = Config.load(null, Map.of(), List.of("node.dataDir=" + dataDir, "http.port=0", "node.roles=gateway",
                "gateway.credentialKeys=k1:not-base64!"));
        assertThatThrownBy(() -> Node.start(bad)).hasMessageContaining("gateway.credentialKeys[0]").hasMessageNotContaining("not-base64");
    }

    /** GET /api/health, which answers without a login. */
    static JsonObject health(Node node) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body());
    }
}
