package org.sharpeyes.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sharpeyes.common.ComponentHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP face. {@code GET /api/health} answers without login; every other
 * {@code /api/} path requires a session. Security headers go on every response.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);

    private final HttpServer server;

    private ConsoleServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param health component name to a check; checks may block (they run on a worker thread)
     */
    public static ConsoleServer start(Vertx vertx, String host, int port, List<String> roles,
                                      Map<String, Supplier<ComponentHealth>> health) throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(ConsoleServer::securityHeaders);
        router.get("/api/health").handler(ctx -> vertx.executeBlocking(() -> healthJson(roles, health))
                .onSuccess(json -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .end(json.encode()))
                .onFailure(ctx::fail));
        router.route("/api/*").handler(ctx -> error(ctx, 401, "UNAUTHENTICATED", "log in first", null));
        router.route().last().handler(ctx -> error(ctx, 404, "NOT_FOUND", "no such path: " + ctx.normalizedPath(), null));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        log.info("console listening host={} port={}", host, server.actualPort());
        return new ConsoleServer(server);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static JsonObject healthJson(List<String> roles, Map<String, Supplier<ComponentHealth>> checks) {
        ComponentHealth.Status overall = ComponentHealth.Status.UP;
        Map<String, Object> components = new LinkedHashMap<>();
        for (var e : checks.entrySet()) {
            ComponentHealth h;
            try {
                h = e.getValue().get();
            } catch (RuntimeException ex) {
                h = new ComponentHealth(ComponentHealth.Status.DOWN, Map.of("error", String.valueOf(ex.getMessage())));
            }
            overall = ComponentHealth.worst(overall, h.status());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("status", h.status().name());
            c.putAll(h.details());
            components.put(e.getKey(), c);
        }
        return new JsonObject().put("status", overall.name()).put("roles", roles).put("components", components);
    }

    /** JSON error body with a stable code, a message and, where one is at fault, the field. */
    public static void error(RoutingContext ctx, int status, String code, String message, String field) {
        JsonObject body = new JsonObject().put("code", code).put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", body).encode());
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; object-src 'none'")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }
}
