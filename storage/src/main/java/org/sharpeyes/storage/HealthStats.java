package org.sharpeyes.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Online and integrity rates from {@code camera_health}, per org unit and per grid cell.
 *
 * <p>Definition (sample-weighted, per camera): a camera's online rate over {@code [from, to)} is
 * the share of its samples in the window whose status is ONLINE or DEGRADED; its integrity rate
 * the share that are, in addition, free of picture faults ({@code quality->'faults'} empty). A
 * unit's (or grid's) rate is the mean over its enabled cameras, so every camera weighs the same
 * however often it reported; an org unit includes its whole subtree. A camera with no sample in
 * the window counts as 0 (nothing seen is not online). Samples are periodic, plus one per status
 * change, so a change adds a little weight to the minutes around it.
 */
public final class HealthStats {
    private static final String PER_CAMERA = """
            per_camera AS (
                SELECT c.id, c.org_unit_id, c.grid_code,
                       count(h.ts) AS samples,
                       count(h.ts) FILTER (WHERE h.status <> 'OFFLINE') AS online,
                       count(h.ts) FILTER (WHERE h.status <> 'OFFLINE'
                                           AND coalesce(jsonb_array_length(h.quality -> 'faults'), 0) = 0) AS intact
                FROM camera c
                LEFT JOIN camera_health h ON h.camera_id = c.id AND h.ts >= ? AND h.ts < ?
                WHERE c.enabled
                GROUP BY c.id
            )
            """;
    private static final String RATES = """
            count(pc.id) AS cameras,
            count(pc.id) FILTER (WHERE pc.samples > 0) AS with_samples,
            coalesce(sum(pc.samples), 0) AS samples,
            avg(CASE WHEN pc.samples > 0 THEN pc.online::float8 / pc.samples ELSE 0 END) FILTER (WHERE pc.id IS NOT NULL) AS online_rate,
            avg(CASE WHEN pc.samples > 0 THEN pc.intact::float8 / pc.samples ELSE 0 END) FILTER (WHERE pc.id IS NOT NULL) AS integrity_rate
            """;

    private final DataSource dataSource;

    public HealthStats(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every org unit, each with its subtree's cameras, ordered by code. */
    public List<AvailabilityRate> byOrgUnit(Instant from, Instant to) throws SQLException {
        return query("""
                WITH RECURSIVE tree (ancestor, unit) AS (
                    SELECT id, id FROM org_unit
                    UNION ALL
                    SELECT t.ancestor, o.id FROM tree t JOIN org_unit o ON o.parent_id = t.unit
                ), """ + PER_CAMERA + """
                SELECT u.code, u.name, """ + RATES + """
                FROM org_unit u
                JOIN tree t ON t.ancestor = u.id
                LEFT JOIN per_camera pc ON pc.org_unit_id = t.unit
                GROUP BY u.id, u.code, u.name
                ORDER BY u.code""", from, to);
    }

    /** Every grid cell, ordered by code. */
    public List<AvailabilityRate> byGrid(Instant from, Instant to) throws SQLException {
        return query("WITH " + PER_CAMERA + """
                SELECT g.code, g.name, """ + RATES + """
                FROM grid_cell g
                LEFT JOIN per_camera pc ON pc.grid_code = g.code
                GROUP BY g.code, g.name
                ORDER BY g.code""", from, to);
    }

    private List<AvailabilityRate> query(String sql, Instant from, Instant to) throws SQLException {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("window: from must be before to, got [" + from + ", " + to + ")");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            List<AvailabilityRate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int cameras = rs.getInt("cameras");
                    out.add(new AvailabilityRate(rs.getString(1), rs.getString(2), cameras, rs.getInt("with_samples"),
                            rs.getLong("samples"), cameras == 0 ? Double.NaN : rs.getDouble("online_rate"),
                            cameras == 0 ? Double.NaN : rs.getDouble("integrity_rate")));
                }
            }
            return out;
        }
    }
}
