package org.sharpeyes.server;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.sharpeyes.analytics.Analytics;
import org.sharpeyes.analytics.Detectors;
import org.sharpeyes.analytics.onnx.Batcher;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.ComponentHealth;
import org.sharpeyes.common.ComponentHealth.Status;
import org.sharpeyes.analytics.watchlist.AlertListener;
import org.sharpeyes.common.EventSink;
import org.sharpeyes.console.ConsoleServer;
import org.sharpeyes.console.ConsoleServices;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.gateway.registry.CsvImport;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.HealthStats;
import org.sharpeyes.console.auth.FirstAdmin;
import org.sharpeyes.console.auth.PasswordHasher;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.common.SnapshotStore;
import org.sharpeyes.gateway.Gateway;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.DbSettings;
import org.sharpeyes.storage.EventWriter;
import org.sharpeyes.storage.HealthWriter;
import org.sharpeyes.storage.JdbcCameraRepository;
import org.sharpeyes.storage.LocalSnapshotStore;
import org.sharpeyes.storage.Retention;
import org.sharpeyes.storage.WriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: the roles its configuration asks for, started in dependency order and
 * stopped in reverse (intake first, then the writer's flush, the pool, the database).
 */
public final class Node implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final Deque<AutoCloseable> stack = new ArrayDeque<>();
    private final Map<String, Supplier<ComponentHealth>> health = new LinkedHashMap<>();
    private Database database;
    private EventWriter writer;
    private CameraRegistry registry;
    private Gateway gateway;
    private Analytics analytics;
    private int analyticsQueueFrames;
    private ConsoleServer console;
    private String firstAdminPassword;
    private CredentialCipher cipher;
    private Path dataDir;
    private SnapshotStore snapshots;

    private Node() {
    }

    /** Starts everything or, on failure, stops what was started and rethrows. */
    public static Node start(Config config) throws Exception {
        Node node = new Node();
        try {
            node.startRoles(config);
            return node;
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    private void startRoles(Config config) throws Exception {
        List<String> roles = config.list("node.roles");
        dataDir = Path.of(config.text("node.dataDir")).toAbsolutePath();
        log.info("node starting roles={} dataDir={} config={}", roles, dataDir, config.describe());
        boolean needsDatabase = roles.contains("storage") || roles.contains("console") || roles.contains("gateway");
        if (needsDatabase) {
            startDatabase(config, dataDir);
            cipher = CredentialCipher.of(config.list("gateway.credentialKeys"), config.text("gateway.activeKeyId"));
            registry = new CameraRegistry(new JdbcCameraRepository(database.dataSource()), cipher);
        }
        if (roles.contains("storage")) {
            writer = new EventWriter(database, new WriterSettings(config.integer("writer.queueCapacity"),
                    config.integer("writer.batchSize"), dataDir.resolve("journal"),
                    (long) config.integer("writer.journalSegmentMiB") << 20,
                    config.duration("writer.retryMin"), config.duration("writer.retryMax")));
            stack.push(writer);
            health.put("writer", this::writerHealth);
            scheduleMaintenance(config);
        }
        if (roles.contains("gateway")) {
            HealthWriter healthWriter = new HealthWriter(database, config.integer("storage.health.capacity"),
                    config.duration("storage.health.flushInterval"));
            stack.push(healthWriter);
            gateway = new Gateway(registry, healthWriter, GatewayConfig.settings(config));
            stack.push(gateway);
            health.put("gateway", this::gatewayHealth);
        }
        Watchlist watchlist = new Watchlist();
        if (roles.contains("console")) {
            startConsole(config, roles, watchlist);
        }
        if (roles.contains("analytics")) {
            startAnalytics(config, watchlist);
        }
        log.info("node started roles={}", roles);
    }

    /**
     * Started before analytics, which hands it alerts and events. Without the storage and gateway
     * roles here the API has nothing to serve and answers health only.
     */
    private void startConsole(Config config, List<String> roles, Watchlist watchlist) throws Exception {
        firstAdminPassword = FirstAdmin.ensure(database.dataSource(), new PasswordHasher(),
                config.text("console.adminUser"), config.text("console.adminPassword")).orElse(null);
        Vertx vertx = Vertx.vertx();
        stack.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        ConsoleServices services = null;
        if (gateway != null) {
            ConsoleSettings settings = new ConsoleSettings(config.duration("console.sessionIdle"),
                    config.duration("console.sessionAbsolute"), config.integer("console.maxFailedLogins"),
                    config.duration("console.lockout"), config.duration("console.failureDelay"),
                    config.text("console.tls.cert"), config.text("console.tls.key"));
            services = new ConsoleServices(database, registry, new CsvImport(new JdbcCameraRepository(database.dataSource()),
                    cipher), id -> gateway.health().current(id), this::camerasChanged, gateway.hubs(),
                    new EventSearch(database, config.duration("search.maxRange"), config.integer("search.maxCandidates")),
                    new HealthStats(database.dataSource()), snapshotStore(config), watchlist, settings, Clock.systemUTC());
        }
        console = ConsoleServer.start(vertx, config.text("http.host"), config.integer("http.port"), roles, health, services);
        stack.push(console);
        if (gateway != null) {
            gateway.health().addListener(console::onHealth);
        }
    }

    /** Needs the gateway and the writer in this process until cameras are assigned across a cluster. */
    private void startAnalytics(Config config, Watchlist watchlist) throws Exception {
        if (gateway == null || writer == null) {
            throw new ConfigException(List.of("node.roles: analytics needs the gateway and storage roles on the same node"));
        }
        Analytics.Settings settings = AnalyticsConfig.settings(config);
        analyticsQueueFrames = settings.pipeline().queueFrames();
        Detectors detectors = Detectors.load(AnalyticsConfig.detectors(config));
        stack.push(() -> {
            if (analytics == null || analytics.idle()) {
                detectors.close();
            } else {
                log.warn("camera analysis threads still running: the models stay loaded until the process exits");
            }
        });
        EventSink sink = writer;
        List<AlertListener> alerts = List.of();
        if (console != null && console.alertListener() != null) {
            ConsoleServer pushTo = console;
            sink = d -> {
                writer.accept(d);
                pushTo.onEvent(d);
            };
            alerts = List.of(console.alertListener());
        }
        analytics = new Analytics(gateway, detectors, sink, snapshotStore(config), watchlist, alerts, settings, Clock.systemUTC());
        stack.push(analytics);
        health.put("analytics", () -> analyticsHealth(detectors.runs()));
    }

    /** Snapshots and crops: written by analytics, read by the console; one store for both. */
    private SnapshotStore snapshotStore(Config config) throws java.io.IOException {
        if (snapshots == null) {
            String dir = config.text("analytics.snapshotDir");
            snapshots = new LocalSnapshotStore(dir == null ? dataDir.resolve("snapshots") : Path.of(dir));
        }
        return snapshots;
    }

    private void startDatabase(Config config, Path dataDir) throws Exception {
        String url = config.text("db.url");
        String user = config.text("db.user");
        String password = config.text("db.password");
        boolean embedded = url == null;
        if (embedded) {
            EmbeddedDatabase pg = EmbeddedDatabase.start(dataDir.resolve("postgres"));
            stack.push(pg);
            url = pg.url();
            user = "postgres";
        }
        DbSettings settings = new DbSettings(url, user, password, config.integer("db.poolSize"),
                config.duration("db.connectTimeout"),
                DbSettings.Timescale.valueOf(config.text("db.timescale").toUpperCase(Locale.ROOT)));
        Retention retention = new Retention(config.duration("storage.retention.plates"),
                config.duration("storage.retention.faces"), config.duration("storage.retention.health"));
        database = Database.open(settings, retention, config.duration("storage.columnstoreAfter"));
        stack.push(database);
        health.put("database", () -> {
            boolean up = database.ping(config.duration("db.connectTimeout"));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reachable", up);
            details.put("flavor", database.flavor().name());
            details.put("embedded", embedded);
            return new ComponentHealth(up ? Status.UP : Status.DOWN, details);
        });
    }

    private void scheduleMaintenance(Config config) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "storage-maintenance");
            t.setDaemon(true);
            return t;
        });
        long every = config.duration("storage.maintenanceInterval").toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                database.maintain();
            } catch (SQLException | RuntimeException e) {
                log.warn("storage maintenance failed, will retry: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        stack.push(scheduler::shutdownNow);
    }

    /** Camera counts by status; a node whose cameras are down is still a healthy node. */
    private ComponentHealth gatewayHealth() {
        Map<CameraStatus, Long> counts = gateway.health().all().stream().collect(
                Collectors.groupingBy(CameraHealth::status, () -> new EnumMap<>(CameraStatus.class), Collectors.counting()));
        Map<String, Object> details = new LinkedHashMap<>();
        for (CameraStatus s : CameraStatus.values()) {
            details.put(s.name().toLowerCase(Locale.ROOT), counts.getOrDefault(s, 0L));
        }
        details.put("streamsPulled", gateway.hubs().stats().size());
        return new ComponentHealth(Status.UP, details);
    }

    /**
     * Frames dropped because detection fell behind show here (and make the node DEGRADED while it
     * happens), and each model's runs against the inputs they held (cross-camera batches on a GPU).
     */
    private ComponentHealth analyticsHealth(Detectors.Runs runs) {
        List<Analytics.CameraStats> cameras = analytics.stats();
        long dropped = 0;
        long analysed = 0;
        long events = 0;
        long errors = 0;
        List<String> behind = new ArrayList<>();
        for (Analytics.CameraStats c : cameras) {
            dropped += c.pipeline().dropped();
            analysed += c.pipeline().analysed();
            events += c.tracker().events();
            errors += c.pipeline().errors();
            if (c.pipeline().queued() >= analyticsQueueFrames) {
                behind.add(c.cameraId().toString());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cameras", cameras.size());
        details.put("framesAnalysed", analysed);
        details.put("framesDropped", dropped);
        details.put("detectorErrors", errors);
        details.put("events", events);
        details.put("camerasBehind", behind);
        details.put("modelRuns", Map.of("faces", runs(runs.faces()), "textDetection", runs(runs.textDetection()),
                "textRecognition", runs(runs.textRecognition())));
        return new ComponentHealth(behind.isEmpty() && errors == 0 ? Status.UP : Status.DEGRADED, details);
    }

    private static Map<String, Long> runs(Batcher.Stats s) {
        return Map.of("runs", s.runs(), "inputs", s.items());
    }

    private ComponentHealth writerHealth() {
        EventWriter.Stats s = writer.stats();
        Status status = !s.databaseUp() || s.rejected() > 0 ? Status.DEGRADED : Status.UP;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queueDepth", s.queueDepth());
        details.put("queueCapacity", s.queueCapacity());
        details.put("journalBytes", s.journalBytes());
        details.put("journalSegments", s.journalSegments());
        details.put("written", s.written());
        details.put("rejected", s.rejected());
        if (s.lastError() != null) {
            details.put("lastError", s.lastError());
        }
        return new ComponentHealth(status, details);
    }

    public Optional<String> firstAdminPassword() {
        return Optional.ofNullable(firstAdminPassword);
    }

    public int httpPort() {
        return console == null ? -1 : console.port();
    }

    public EventWriter writer() {
        return writer;
    }

    public Database database() {
        return database;
    }

    public CameraRegistry registry() {
        return registry;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** Null unless the node runs the analytics role. */
    public Analytics analytics() {
        return analytics;
    }

    /** Call after cameras were added, edited or removed outside the console: pulls, probes and analysis follow at once. */
    public void camerasChanged() {
        if (gateway != null) {
            gateway.camerasChanged();
        }
        if (analytics != null) {
            analytics.camerasChanged();
        }
    }

    /** Stops in reverse start order; every step runs even when an earlier one fails. */
    @Override
    public synchronized void close() {
        if (stack.isEmpty()) {
            return;
        }
        log.info("node stopping");
        while (!stack.isEmpty()) {
            AutoCloseable c = stack.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("stop step failed: {}", e.toString());
            }
        }
        log.info("node stopped");
    }
}
