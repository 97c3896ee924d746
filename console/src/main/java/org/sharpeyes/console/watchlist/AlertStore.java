package org.sharpeyes.console.watchlist;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.sharpeyes.analytics.watchlist.Alert;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SiteType;
import org.sharpeyes.common.Tier;
import org.sharpeyes.console.scope.Scope;

/** The {@code alert} table: watchlist hits kept until an operator acknowledges them. */
public final class AlertStore {
    /** A stored alert; snapshot and crop are store keys (sign them before showing). */
    public record Stored(long id, Instant time, UUID cameraId, Placement placement, String plate, String pattern, String reason,
                         String caseRef, String snapshotKey, String cropKey, String acknowledgedBy, Instant acknowledgedAt) {
    }

    private static final String COLUMNS = "id, ts, camera_id, city_code, district_code, street_code, community_code, grid_code,"
            + " site_type, plate_text,"
            + " pattern, reason, case_ref, snapshot_key, crop_key, acknowledged_by, acknowledged_at";

    private final DataSource dataSource;

    public AlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Stored insert(Alert a) throws SQLException {
        Placement p = a.placement();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert (ts, camera_id, city_code, district_code, street_code, community_code, grid_code, site_type,"
                        + " plate_text, watch_id, pattern, reason, case_ref, snapshot_key, crop_key) VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM plate_watch WHERE id = ?), ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setTimestamp(1, Timestamp.from(a.time()));
            ps.setObject(2, a.cameraId());
            ps.setString(3, p.cityCode());
            ps.setString(4, p.districtCode());
            ps.setString(5, p.streetCode());
            ps.setString(6, p.communityCode());
            ps.setString(7, p.gridCode());
            ps.setString(8, p.siteType().name());
            ps.setString(9, a.plateText());
            ps.setLong(10, WatchlistStore.idOf(a.entry().id()));
            ps.setString(11, a.entry().pattern());
            ps.setString(12, a.entry().reason());
            ps.setString(13, a.entry().caseRef());
            ps.setString(14, a.snapshotKey());
            ps.setString(15, a.cropKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Stored(rs.getLong(1), a.time(), a.cameraId(), p, a.plateText(), a.entry().pattern(), a.entry().reason(),
                        a.entry().caseRef(), a.snapshotKey(), a.cropKey(), null, null);
            }
        }
    }

    /** Newest first, ids below {@code beforeId}, in the scope. */
    public List<Stored> list(Scope scope, boolean unacknowledgedOnly, long beforeId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE id < ?");
        if (unacknowledgedOnly) {
            sql.append(" AND acknowledged_at IS NULL");
        }
        if (!scope.all()) {
            sql.append(" AND ").append(column(scope.root().tier())).append(" = ?");
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int k = 1;
            ps.setLong(k++, beforeId);
            if (!scope.all()) {
                ps.setString(k++, scope.root().code());
            }
            ps.setInt(k, limit);
            return read(ps);
        }
    }

    public Stored get(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alert WHERE id = ?")) {
            ps.setLong(1, id);
            List<Stored> rows = read(ps);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    /** Records the first acknowledgement; later ones change nothing. */
    public void acknowledge(long id, String username, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE alert SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL")) {
            ps.setString(1, username);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public static JsonObject toJson(Stored a, String cameraName, String snapshot, String crop) {
        return new JsonObject().put("id", a.id()).put("time", a.time().toString()).put("cameraId", a.cameraId().toString())
                .put("cameraName", cameraName).put("plate", a.plate()).put("pattern", a.pattern()).put("reason", a.reason())
                .put("caseRef", a.caseRef()).put("snapshot", snapshot).put("crop", crop).put("acknowledgedBy", a.acknowledgedBy())
                .put("acknowledgedAt", a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString());
    }

    private static List<Stored> read(PreparedStatement ps) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp ack = rs.getTimestamp(17);
                out.add(new Stored(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class),
                        new Placement(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                SiteType.valueOf(rs.getString(9))),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15),
                        rs.getString(16), ack == null ? null : ack.toInstant()));
            }
        }
        return out;
    }

    private static String column(Tier tier) {
        return switch (tier) {
            case CITY -> "city_code";
            case DISTRICT -> "district_code";
            case STREET -> "street_code";
            case COMMUNITY -> "community_code";
        };
    }
}
