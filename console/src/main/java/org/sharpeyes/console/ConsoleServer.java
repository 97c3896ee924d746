package org.sharpeyes.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sharpeyes.analytics.watchlist.AlertListener;
import org.sharpeyes.common.ComponentHealth;
import org.sharpeyes.common.Detection;
import org.sharpeyes.console.admin.AuditRoutes;
import org.sharpeyes.console.admin.RetentionRoutes;
import org.sharpeyes.console.admin.UserRoutes;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.AuthRoutes;
import org.sharpeyes.console.auth.Guard;
import org.sharpeyes.console.auth.Login;
import org.sharpeyes.console.auth.PasswordHasher;
import org.sharpeyes.console.auth.Sessions;
import org.sharpeyes.console.auth.Users;
import org.sharpeyes.console.cameras.CameraAccess;
import org.sharpeyes.console.cameras.CameraCache;
import org.sharpeyes.console.cameras.CameraRoutes;
import org.sharpeyes.console.cameras.PtzRoutes;
import org.sharpeyes.console.cameras.SnapshotGrabber;
import org.sharpeyes.console.events.EventRoutes;
import org.sharpeyes.console.events.ExportRoutes;
import org.sharpeyes.console.events.SnapshotSigner;
import org.sharpeyes.console.health.HealthRoutes;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.live.LiveEndpoint;
import org.sharpeyes.console.live.LiveRoutes;
import org.sharpeyes.console.live.LiveSettings;
import org.sharpeyes.console.places.PlaceRoutes;
import org.sharpeyes.console.push.Push;
import org.sharpeyes.console.scope.OrgDirectory;
import org.sharpeyes.console.wall.LayoutRoutes;
import org.sharpeyes.console.watchlist.AlertIntake;
import org.sharpeyes.console.watchlist.AlertStore;
import org.sharpeyes.console.watchlist.WatchlistRoutes;
import org.sharpeyes.console.watchlist.WatchlistStore;
import org.sharpeyes.gateway.health.HealthUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP face: the REST API under {@code /api/}, the pushes and live video over
 * WebSocket, and the web UI. {@code GET /api/health} and the OpenAPI document answer without login;
 * every other {@code /api/} path requires a session. Security headers go on every response.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    private static final long BODY_LIMIT = 1 << 20;
    private static final long CSV_LIMIT = 64L << 20;
    private static final int ALERT_QUEUE = 10_000;
    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self';"
            + " style-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

    private final HttpServer server;
    private final Router router;
    private final Push push;
    private final AlertIntake alerts;

    private ConsoleServer(HttpServer server, Router router, Push push, AlertIntake alerts) {
        this.server = server;
        this.router = router;
        this.push = push;
        this.alerts = alerts;
    }

    /**
     * @param health   component name to a check; checks may block (they run on a worker thread)
     * @param services what the API serves from; null serves health only (every other path answers 401)
     */
    public static ConsoleServer start(Vertx vertx, String host, int port, List<String> roles,
                                      Map<String, Supplier<ComponentHealth>> health, ConsoleServices services) throws Exception {
        boolean https = services != null && services.settings().https();
        Router router = Router.router(vertx);
        router.route().handler(ctx -> securityHeaders(ctx, https));
        router.get("/api/health").handler(ctx -> vertx.executeBlocking(() -> healthJson(roles, health))
                .onSuccess(json -> Api.json(ctx, 200, json))
                .onFailure(ctx::fail));
        String openApi = OpenApi.document();
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .end(openApi));
        Push push = null;
        AlertIntake alerts = null;
        if (services != null) {
            SnapshotSigner signer = new SnapshotSigner();
            CameraCache labels = new CameraCache(services.registry(), CameraCache.AGE);
            push = new Push(vertx, labels, signer);
            AlertStore alertStore = new AlertStore(services.dataSource());
            alerts = new AlertIntake(alertStore, push::onAlert, ALERT_QUEUE);
            mountApi(vertx, router, services, signer, labels, push, alertStore);
        } else {
            router.route("/api/*").handler(ctx -> Api.error(ctx, 401, "UNAUTHENTICATED", "log in first", null));
        }
        router.route("/api/*").last().handler(ctx -> Api.error(ctx, 404, "NOT_FOUND", "no such path: " + ctx.normalizedPath(), null));
        mountWebUi(router);
        HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true);
        if (https) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(services.settings().tlsCert()).setKeyPath(services.settings().tlsKey()));
        }
        HttpServer server = vertx.createHttpServer(options).requestHandler(router).listen(port, host)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        log.info("console listening host={} port={} https={}", host, server.actualPort(), https);
        return new ConsoleServer(server, router, push, alerts);
    }

    private static void mountApi(Vertx vertx, Router router, ConsoleServices s, SnapshotSigner signer, CameraCache labels,
                                 Push push, AlertStore alertStore)
            throws SQLException {
        router.post("/api/cameras/import").handler(BodyHandler.create(false).setBodyLimit(CSV_LIMIT));
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        OrgDirectory orgs = new OrgDirectory(s.dataSource(), java.time.Duration.ofSeconds(30));
        Sessions sessions = new Sessions(s.settings().sessionIdle(), s.settings().sessionAbsolute(), s.clock());
        AuditLog audit = new AuditLog(s.dataSource(), s.clock());
        Users users = new Users(s.dataSource());
        PasswordHasher hasher = new PasswordHasher();
        AuthRoutes auth = new AuthRoutes(new Login(users, hasher, s.settings(), s.clock()), sessions, audit, s.settings().https());
        auth.mountPublic(router);
        router.route("/api/*").handler(new Guard(sessions, orgs)::handle);
        auth.mountGuarded(router);
        CameraAccess cameras = new CameraAccess(s.registry());
        new PlaceRoutes(s.dataSource()).mount(router);
        new CameraRoutes(cameras, s.csvImport(), s.health(), s.dataSource(), audit, s.camerasChanged(),
                s.hubs() == null ? null : new SnapshotGrabber(s.hubs())).mount(router);
        new PtzRoutes(vertx, cameras, audit).mount(router);
        new EventRoutes(s.search(), labels, s.snapshots(), signer, audit).mount(router);
        new ExportRoutes(s.search(), labels, s.snapshots(), audit, s.clock()).mount(router);
        WatchlistStore watchlist = new WatchlistStore(s.dataSource());
        s.watchlist().replaceAll(watchlist.all().stream().map(WatchlistStore.Stored::entry).toList());
        new WatchlistRoutes(watchlist, alertStore, s.watchlist(), labels, signer, audit, s.clock())
                .mount(router);
        new HealthRoutes(s.healthStats(), s.registry(), s.health(), s.dataSource()).mount(router);
        new UserRoutes(users, hasher, sessions, audit).mount(router);
        new AuditRoutes(audit).mount(router);
        new RetentionRoutes(s.database(), audit).mount(router);
        new LayoutRoutes(s.dataSource()).mount(router);
        push.mount(router);
        if (s.hubs() != null) {
            new LiveRoutes(new LiveEndpoint(s.hubs(), LiveSettings.defaults()), cameras, audit).mount(router);
        }
    }

    /** The built UI from the classpath; any other GET outside /api/ is a client-side route and gets index.html. */
    private static void mountWebUi(Router router) {
        router.route().method(HttpMethod.GET).handler(StaticHandler.create("webroot").setIndexPage("index.html"));
        router.get().handler(ctx -> {
            if (ctx.normalizedPath().startsWith("/api/") || ctx.normalizedPath().contains(".")) {
                ctx.next();
            } else {
                ctx.reroute("/index.html");
            }
        });
        router.route().last().handler(ctx -> Api.error(ctx, 404, "NOT_FOUND", "no such path: " + ctx.normalizedPath(), null));
    }

    /** "METHOD /api/path/{param}" of every API endpoint, for checking the OpenAPI document. */
    java.util.Set<String> apiRoutes() {
        java.util.Set<String> out = new java.util.TreeSet<>(); // a path may have several handlers (body limits)
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            if (r.getPath() == null || !r.getPath().startsWith("/api/") || r.methods() == null) {
                continue;
            }
            String path = r.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
            r.methods().forEach(m -> out.add(m.name() + " " + path));
        }
        return out;
    }

    public int port() {
        return server.actualPort();
    }

    /** Receives analytics' watchlist hits (stored, then pushed); null without the API. */
    public AlertListener alertListener() {
        return alerts;
    }

    /** Pushes a finished event to the consoles in scope; from any thread. */
    public void onEvent(Detection d) {
        if (push != null) {
            push.onEvent(d);
        }
    }

    public void onHealth(HealthUpdate u) {
        if (push != null) {
            push.onHealth(u);
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (alerts != null) {
            alerts.close();
        }
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

    private static void securityHeaders(RoutingContext ctx, boolean https) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
        if (https) {
            ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.next();
    }
}
