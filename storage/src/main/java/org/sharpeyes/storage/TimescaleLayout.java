package org.sharpeyes.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TimescaleDB: chunks, columnstore, retention and aggregate refresh are the extension's jobs;
 * this class only (re)applies their settings at start, choosing the API the version offers.
 */
final class TimescaleLayout implements TimeSeriesLayout {
    private static final Logger log = LoggerFactory.getLogger(TimescaleLayout.class);

    private final Duration columnstoreAfter;

    TimescaleLayout(Duration columnstoreAfter) {
        this.columnstoreAfter = columnstoreAfter;
    }

    @Override
    public Flavor flavor() {
        return Flavor.TIMESCALE;
    }

    @Override
    public void install(Connection c, Retention retention) throws SQLException {
        Version version = Version.parse(query(c, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"));
        boolean columnstoreApi = version.atLeast(2, 18);
        createHourlyAggregates(c);
        for (Table table : Table.values()) {
            enableColumnstore(c, table, columnstoreApi, version);
            if (table.kind() != null) {
                String hourly = table.sql + "_hourly";
                // Late rows up to a week old are re-aggregated; the newest hour is computed live.
                execute(c, "SELECT add_continuous_aggregate_policy('" + hourly + "', start_offset => INTERVAL '7 days',"
                        + " end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes', if_not_exists => true)");
            }
        }
        applyRetention(c, retention);
        log.info("timescaledb version={} columnstoreApi={} retention={}", version, columnstoreApi, retention);
    }

    /** Replaces the extension's drop policies of every table and its hourly aggregate. */
    @Override
    public void applyRetention(Connection c, Retention retention) throws SQLException {
        for (Table table : Table.values()) {
            List<String> relations = table.kind() == null ? List.of(table.sql) : List.of(table.sql, table.sql + "_hourly");
            for (String relation : relations) {
                execute(c, "SELECT remove_retention_policy('" + relation + "', if_exists => true)");
                execute(c, "SELECT add_retention_policy('" + relation + "', drop_after => " + interval(table.retention(retention)) + ")");
            }
        }
    }

    /**
     * Hourly counts per grid and kind for heat maps, one continuous aggregate per event table
     * (real-time: hours not yet materialised are computed on the fly), joined in the
     * detection_hourly view that has the plain flavour's rollup columns. Created here rather
     * than in a migration because a continuous aggregate cannot be created in a transaction.
     */
    private static void createHourlyAggregates(Connection c) throws SQLException {
        for (Table table : List.of(Table.DETECTION_PLATE, Table.DETECTION_FACE)) {
            execute(c, "CREATE MATERIALIZED VIEW IF NOT EXISTS " + table.sql + "_hourly"
                    + " WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS"
                    + " SELECT time_bucket(INTERVAL '1 hour', ts) AS hour, kind,"
                    + " coalesce(city_code, '') AS city_code, coalesce(district_code, '') AS district_code,"
                    + " coalesce(street_code, '') AS street_code, coalesce(community_code, '') AS community_code,"
                    + " coalesce(grid_code, '') AS grid_code, count(*) AS count"
                    + " FROM " + table.sql + " GROUP BY 1, 2, 3, 4, 5, 6, 7 WITH NO DATA");
        }
        execute(c, "CREATE OR REPLACE VIEW detection_hourly AS"
                + " SELECT * FROM detection_plate_hourly UNION ALL SELECT * FROM detection_face_hourly");
    }

    private void enableColumnstore(Connection c, Table table, boolean columnstoreApi, Version version) throws SQLException {
        boolean enabled = "t".equals(query(c, "SELECT compression_enabled FROM timescaledb_information.hypertables"
                + " WHERE hypertable_name = '" + table.sql + "'"));
        String segment = "camera_id";
        String order = table == Table.CAMERA_HEALTH ? "ts DESC" : "ts DESC, id DESC";
        if (!enabled) {
            if (columnstoreApi) {
                execute(c, "ALTER TABLE " + table.sql + " SET (timescaledb.enable_columnstore = true,"
                        + " timescaledb.segmentby = '" + segment + "', timescaledb.orderby = '" + order + "')");
            } else {
                execute(c, "ALTER TABLE " + table.sql + " SET (timescaledb.compress,"
                        + " timescaledb.compress_segmentby = '" + segment + "', timescaledb.compress_orderby = '" + order + "')");
            }
            if (table == Table.DETECTION_PLATE && version.atLeast(2, 20)) {
                // Lets a plate lookup skip compressed batches that cannot hold the plate.
                execute(c, "ALTER TABLE detection_plate SET (timescaledb.sparse_index = 'bloom(plate_norm)')");
            }
        }
        if (columnstoreApi) {
            execute(c, "CALL add_columnstore_policy('" + table.sql + "', after => " + interval(columnstoreAfter) + ", if_not_exists => true)");
        } else {
            execute(c, "SELECT add_compression_policy('" + table.sql + "', " + interval(columnstoreAfter) + ", if_not_exists => true)");
        }
    }

    @Override
    public void prepare(Connection c, Table table, Collection<LocalDate> days) {
        // Chunks are created by the extension on insert.
    }

    @Override
    public void maintain(Connection c, Instant now, Retention retention) {
        // Policies run as background jobs inside the database.
    }

    @Override
    public boolean writerKeepsRollup() {
        return false;
    }

    private static String interval(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 86_400 == 0 ? "INTERVAL '" + seconds / 86_400 + " days'" : "INTERVAL '" + seconds + " seconds'";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    record Version(int major, int minor) {
        static Version parse(String text) {
            if (text == null) {
                throw new IllegalStateException("timescaledb extension is not installed");
            }
            String[] parts = text.split("[.-]");
            return new Version(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        boolean atLeast(int maj, int min) {
            return major > maj || (major == maj && minor >= min);
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }
}
