package org.sharpeyes.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, the schema and the time-series layout of one database. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final TimeSeriesLayout layout;
    private volatile Retention retention;

    private Database(HikariDataSource pool, TimeSeriesLayout layout, Retention retention) {
        this.pool = pool;
        this.layout = layout;
        this.retention = retention;
    }

    /**
     * Connects, picks the flavour, migrates the schema and applies the time-series settings. A
     * retention an administrator stored ({@link #setRetention}) overrides {@code retention}.
     */
    public static Database open(DbSettings settings, Retention retention, Duration columnstoreAfter) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
        config.setPoolName("sharpeyes-db");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flavor flavor = chooseFlavor(pool, settings.timescale());
            migrate(pool, flavor);
            TimeSeriesLayout layout = flavor == Flavor.TIMESCALE
                    ? new TimescaleLayout(columnstoreAfter)
                    : new PlainLayout(3);
            Retention effective;
            try (Connection c = pool.getConnection()) {
                effective = storedRetention(c).orElse(retention);
                layout.install(c, effective);
            }
            log.info("database ready flavor={} retention={}", flavor, effective);
            return new Database(pool, layout, effective);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StorageException("cannot prepare database at " + settings.url() + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Flavor flavor() {
        return layout.flavor();
    }

    TimeSeriesLayout layout() {
        return layout;
    }

    public Retention retention() {
        return retention;
    }

    /** Stores a new retention (it outlives restarts and wins over the configured one) and puts it into effect. */
    public synchronized void setRetention(Retention next, String by) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO retention_setting (plates_seconds, faces_seconds, health_seconds, updated_by) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (singleton) DO UPDATE SET plates_seconds = EXCLUDED.plates_seconds,"
                        + " faces_seconds = EXCLUDED.faces_seconds, health_seconds = EXCLUDED.health_seconds,"
                        + " updated_by = EXCLUDED.updated_by, updated_at = now()")) {
            ps.setLong(1, next.plates().toSeconds());
            ps.setLong(2, next.faces().toSeconds());
            ps.setLong(3, next.health().toSeconds());
            ps.setString(4, by);
            ps.executeUpdate();
            layout.applyRetention(c, next);
        }
        retention = next;
        log.info("retention changed by={} retention={}", by, next);
    }

    private static java.util.Optional<Retention> storedRetention(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT plates_seconds, faces_seconds, health_seconds FROM retention_setting")) {
            return rs.next() ? java.util.Optional.of(new Retention(Duration.ofSeconds(rs.getLong(1)), Duration.ofSeconds(rs.getLong(2)),
                    Duration.ofSeconds(rs.getLong(3)))) : java.util.Optional.empty();
        }
    }

    /** True when a trivial query answers within the timeout. */
    public boolean ping(Duration timeout) {
        try (Connection c = pool.getConnection()) {
            return c.isValid((int) Math.max(1, timeout.toSeconds()));
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Partitions ahead and retention where the database does not do them itself, and on both
     * flavours the plate table: a plate whose last event has expired is forgotten too.
     */
    public void maintain() throws SQLException {
        Instant now = Instant.now();
        Retention retention = this.retention;
        try (Connection c = pool.getConnection()) {
            layout.maintain(c, now, retention);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM plate WHERE last_seen < ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(retention.plates()).minus(SeenPlates.SLACK)));
                int n = ps.executeUpdate();
                if (n > 0) {
                    log.info("retention forgot plates={}", n);
                }
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static Flavor chooseFlavor(DataSource ds, DbSettings.Timescale wanted) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            Flavor existing = existingFlavor(s);
            if (existing != null) {
                if (wanted == DbSettings.Timescale.ON && existing != Flavor.TIMESCALE) {
                    throw new StorageException("db.timescale is ON but the schema was created without TimescaleDB", null);
                }
                return existing;
            }
            if (wanted == DbSettings.Timescale.OFF) {
                return Flavor.POSTGRES;
            }
            if (wanted == DbSettings.Timescale.AUTO && !timescaleAvailable(s)) {
                log.info("timescaledb extension not installed on the server; using plain PostgreSQL partitions");
                return Flavor.POSTGRES;
            }
            try {
                s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
                return Flavor.TIMESCALE;
            } catch (SQLException e) {
                if (wanted == DbSettings.Timescale.ON) {
                    throw e;
                }
                log.info("timescaledb not available ({}); using plain PostgreSQL partitions", e.getMessage());
                return Flavor.POSTGRES;
            }
        }
    }

    private static boolean timescaleAvailable(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The flavour of an already migrated schema, or null for an empty database. */
    private static Flavor existingFlavor(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('detection_plate') IS NOT NULL,"
                + " EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
            if (!rs.getBoolean(2)) {
                return Flavor.POSTGRES;
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = 'detection_plate'")) {
            rs.next();
            return rs.getLong(1) > 0 ? Flavor.TIMESCALE : Flavor.POSTGRES;
        }
    }

    private static void migrate(DataSource ds, Flavor flavor) throws SQLException {
        String specific = flavor == Flavor.TIMESCALE ? "timescale" : "postgres";
        try (Connection c = ds.getConnection()) {
            Flyway.configure()
                    .dataSource(new SingleConnectionDataSource(c))
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + specific)
                    .load()
                    .migrate();
        }
    }
}
