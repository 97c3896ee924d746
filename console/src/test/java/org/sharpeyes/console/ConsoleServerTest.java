package org.sharpeyes.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.ComponentHealth;
import org.sharpeyes.common.ComponentHealth.Status;

class ConsoleServerTest {
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ConsoleServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void healthAnswersWithoutLoginAndReportsEachComponent() throws Exception {
        Map<String, Supplier<ComponentHealth>> checks = new LinkedHashMap<>();
        checks.put("database", () -> new ComponentHealth(Status.UP, Map.of("flavor", "POSTGRES")));
        checks.put("writer", () -> new ComponentHealth(Status.UP, Map.of("queueDepth", 3, "journalBytes", 0)));
        server = ConsoleServer.start(vertx, "127.0.0.1", 0, List.of("storage", "console"), checks, null);

        HttpResponse<String> r = get("/api/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("components").getJsonObject("writer").getInteger("queueDepth")).isEqualTo(3);
        assertThat(body.getJsonObject("components").getJsonObject("database").getString("flavor")).isEqualTo("POSTGRES");
    }

    @Test
    void aFailingComponentDegradesTheNodeButHealthStillAnswers() throws Exception {
        Map<String, Supplier<ComponentHealth>> checks = new LinkedHashMap<>();
        checks.put("database", () -> new ComponentHealth(Status.DOWN, Map.of("reachable", false)));
        checks.put("writer", () -> {
            throw new IllegalStateException("boom");
        });
        server = ConsoleServer.start(vertx, "127.0.0.1", 0, List.of("storage"), checks, null);

        JsonObject body = new JsonObject(get("/api/health").body());
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getJsonObject("components").getJsonObject("writer").getString("error")).isEqualTo("boom");
    }

    @Test
    void otherApiPathsNeedASessionAndEveryResponseCarriesSecurityHeaders() throws Exception {
        server = ConsoleServer.start(vertx, "127.0.0.1", 0, List.of(), Map.of(), null);
        HttpResponse<String> r = get("/api/events");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("UNAUTHENTICATED");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        assertThat(get("/api/health").headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
