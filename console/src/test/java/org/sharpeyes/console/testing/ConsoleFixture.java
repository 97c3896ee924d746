package org.sharpeyes.console.testing;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SiteType;
import org.sharpeyes.console.ConsoleServer;
import org.sharpeyes.console.ConsoleServices;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.auth.FirstAdmin;
import org.sharpeyes.console.auth.PasswordHasher;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.sharpeyes.gateway.registry.CameraSpec;
import org.sharpeyes.gateway.registry.CredentialCipher;
import org.sharpeyes.gateway.registry.CsvImport;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.EventWriter;
import org.sharpeyes.storage.HealthStats;
import org.sharpeyes.storage.JdbcCameraRepository;
import org.sharpeyes.storage.LocalSnapshotStore;
import org.sharpeyes.storage.Retention;
import org.sharpeyes.storage.WriterSettings;
import org.sharpeyes.storage.testing.EmbeddedDb;
import org.sharpeyes.storage.testing.TestOrgTree;

/**
 * A console on a real embedded PostgreSQL with the schema, an org tree of two districts (one grid
 * each), the first admin ({@value #ADMIN} / {@value #ADMIN_PASSWORD}) and the real registry,
 * search and snapshot store. No gateway: a camera's live health is what a test puts in {@link #health}.
 */
public final class ConsoleFixture implements AutoCloseable {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "first-admin-password";

    public final EmbeddedDb server;
    public final Database database;
    public final TestOrgTree tree;
    public final CameraRegistry registry;
    public final LocalSnapshotStore snapshots;
    public final Watchlist watchlist = new Watchlist();
    /** The live health the gateway would report, by camera id; empty until a test sets it. */
    public final Map<UUID, CameraHealth> health = new ConcurrentHashMap<>();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    public final Vertx vertx = Vertx.vertx();
    public final ConsoleServer console;
    private final EventWriter writer;
    private final Path dir;
    private final boolean https;

    public ConsoleFixture(ConsoleSettings settings) throws Exception {
        this(settings, null);
    }

    /** @param hubs the streams for live views and snapshots; null for a console without a gateway */
    public ConsoleFixture(ConsoleSettings settings, StreamHubs hubs) throws Exception {
        dir = Files.createTempDirectory("console-test");
        https = settings.https();
        server = new EmbeddedDb(dir.resolve("pg"));
        database = Database.open(server.settings(), Retention.DEFAULTS, Duration.ofDays(3));
        tree = TestOrgTree.seed(database.dataSource(), 2, 1);
        CredentialCipher cipher = CredentialCipher.of(List.of(CredentialCipher.newKeySpec("test")), "test");
        registry = new CameraRegistry(new JdbcCameraRepository(database.dataSource()), cipher);
        snapshots = new LocalSnapshotStore(dir.resolve("snapshots"));
        writer = new EventWriter(database, WriterSettings.defaults(dir.resolve("journal")));
        FirstAdmin.ensure(database.dataSource(), new PasswordHasher(), ADMIN, ADMIN_PASSWORD);
        ConsoleServices services = new ConsoleServices(database, registry,
                new CsvImport(new JdbcCameraRepository(database.dataSource()), cipher),
                id -> Optional.ofNullable(health.get(id)), () -> { }, hubs, new EventSearch(database, Duration.ofDays(190), 1000),
                new HealthStats(database.dataSource()), snapshots, watchlist, settings, clock);
        console = ConsoleServer.start(vertx, "127.0.0.1", 0, List.of("console"), Map.of(), services);
    }

    public String url(String path) {
        return (https ? "https" : "http") + "://127.0.0.1:" + console.port() + path;
    }

    /** A camera in district {@code d} (0 or 1), in its grid cell. */
    public Camera camera(String name, int d) {
        return registry.create(CameraSpec.builder().name(name).gridCode(tree.grids().get(d)).siteType("ROAD")
                .position(29.5 + d * 0.01, 106.5).mainUrl("rtsp://127.0.0.1:8554/" + name).build());
    }

    /** The tier codes TestOrgTree gives district {@code d}'s community. */
    public Placement placement(int d) {
        String district = String.format("5001%02d", d + 1);
        return new Placement("5001", district, district + "001", district + "001001", tree.grids().get(d), SiteType.ROAD);
    }

    /** Writes events and waits until they are in the database. */
    public void store(List<Detection> events) throws Exception {
        long before = writer.stats().written();
        for (Detection d : events) {
            writer.accept(d);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (writer.stats().written() < before + events.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("events not written: " + writer.stats());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        console.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        writer.close();
        database.close();
        server.close();
    }

    /** A clock tests move forward (session expiry, lockout). */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
