package org.sharpeyes.console.watchlist;

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
import org.sharpeyes.analytics.watchlist.WatchEntry;

/**
 * The {@code plate_watch} table, and the analytics {@link org.sharpeyes.analytics.watchlist.Watchlist}'s
 * entries made from it. An entry belongs to its creator's scope unit ({@code orgUnitId} null: the whole tree).
 */
public final class WatchlistStore {
    /** A stored entry. */
    public record Stored(long id, String pattern, String reason, String caseRef, Long orgUnitId, String createdBy,
                         Instant createdAt, Instant expiresAt) {
        /** The analytics entry; its UUID carries the row id so an alert leads back to the row. */
        public WatchEntry entry() {
            return new WatchEntry(uuidOf(id), pattern, reason, caseRef, expiresAt);
        }
    }

    private static final String COLUMNS = "id, pattern, reason, case_ref, org_unit_id, created_by, created_at, expires_at";

    private final DataSource dataSource;

    public WatchlistStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static UUID uuidOf(long id) {
        return new UUID(0L, id);
    }

    public static long idOf(UUID uuid) {
        return uuid.getLeastSignificantBits();
    }

    public List<Stored> all() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM plate_watch ORDER BY id", ps -> { });
    }

    public Stored add(String pattern, String reason, String caseRef, Long orgUnitId, String createdBy, Instant expiresAt)
            throws SQLException {
        List<Stored> rows = query("INSERT INTO plate_watch (pattern, reason, case_ref, org_unit_id, created_by, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS, ps -> {
                    ps.setString(1, pattern);
                    ps.setString(2, reason);
                    ps.setString(3, caseRef);
                    ps.setObject(4, orgUnitId);
                    ps.setString(5, createdBy);
                    ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
                });
        return rows.get(0);
    }

    public Stored get(long id) throws SQLException {
        List<Stored> rows = query("SELECT " + COLUMNS + " FROM plate_watch WHERE id = ?", ps -> ps.setLong(1, id));
        return rows.isEmpty() ? null : rows.get(0);
    }

    public boolean delete(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM plate_watch WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Stored> query(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long unit = rs.getLong(5);
                    Long orgUnit = rs.wasNull() ? null : unit;
                    Timestamp expires = rs.getTimestamp(8);
                    out.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), orgUnit,
                            rs.getString(6), rs.getTimestamp(7).toInstant(), expires == null ? null : expires.toInstant()));
                }
            }
            return out;
        }
    }
}
