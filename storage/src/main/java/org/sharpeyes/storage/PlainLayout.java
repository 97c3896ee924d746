package org.sharpeyes.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain PostgreSQL: one range partition per table and UTC day, created ahead of time and on
 * demand for late or early rows, dropped whole when older than the retention.
 */
final class PlainLayout implements TimeSeriesLayout {
    private static final Logger log = LoggerFactory.getLogger(PlainLayout.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final int daysAhead;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    PlainLayout(int daysAhead) {
        this.daysAhead = daysAhead;
    }

    @Override
    public Flavor flavor() {
        return Flavor.POSTGRES;
    }

    @Override
    public void install(Connection c, Retention retention) throws SQLException {
        maintain(c, Instant.now(), retention);
    }

    @Override
    public void applyRetention(Connection c, Retention retention) {
        // the next maintain drops what the new retention no longer keeps
    }

    @Override
    public void prepare(Connection c, Table table, Collection<LocalDate> days) throws SQLException {
        for (LocalDate day : days) {
            String name = partitionName(table, day);
            if (known.contains(name)) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table.sql
                        + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
            } catch (SQLException e) {
                // Another node may have created it between our check and the CREATE.
                if (!exists(c, name)) {
                    throw e;
                }
            }
            known.add(name);
        }
    }

    @Override
    public void maintain(Connection c, Instant now, Retention retention) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> ahead = new ArrayList<>();
        for (int i = 0; i <= daysAhead; i++) {
            ahead.add(today.plusDays(i));
        }
        for (Table table : Table.values()) {
            prepare(c, table, ahead);
            Instant cutoff = now.minus(table.retention(retention));
            dropPartitionsBefore(c, table, LocalDate.ofInstant(cutoff, ZoneOffset.UTC));
            if (table.kind() != null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM detection_hourly WHERE kind = ? AND hour < ?")) {
                    ps.setString(1, table.kind());
                    ps.setTimestamp(2, Timestamp.from(cutoff));
                    ps.executeUpdate();
                }
            }
        }
    }

    @Override
    public boolean writerKeepsRollup() {
        return true;
    }

    /** Drops the partitions whose whole day lies before the cutoff day. */
    private void dropPartitionsBefore(Connection c, Table table, LocalDate cutoffDay) throws SQLException {
        List<String> expired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT child.relname FROM pg_inherits i
                JOIN pg_class child ON child.oid = i.inhrelid
                JOIN pg_class parent ON parent.oid = i.inhparent
                WHERE parent.relname = ?""")) {
            ps.setString(1, table.sql);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    LocalDate day = dayOf(table, name);
                    if (day != null && day.isBefore(cutoffDay)) {
                        expired.add(name);
                    }
                }
            }
        }
        for (String name : expired) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + name);
            }
            known.remove(name);
            log.info("retention dropped partition={}", name);
        }
    }

    static String partitionName(Table table, LocalDate day) {
        return table.sql + "_p" + SUFFIX.format(day);
    }

    private static LocalDate dayOf(Table table, String partition) {
        String prefix = table.sql + "_p";
        if (!partition.startsWith(prefix) || partition.length() != prefix.length() + 8) {
            return null;
        }
        return LocalDate.parse(partition.substring(prefix.length()), SUFFIX);
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
