package org.sharpeyes.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.PlateColor;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SiteType;

/**
 * Time-bounded event search with keyset pagination (newest first), and hourly counts per grid.
 * A plate pattern whose literal start is a region ({@code 渝A*12?}) reads that region's sightings
 * newest first; other patterns that start with literal characters scan the plate index over that
 * prefix's range, newest day first. Other non-exact searches (fuzzy, a leading wildcard) first
 * resolve the pattern to candidate plates seen in the range, from the small {@code plate} table, then look
 * those up exactly; a pattern matching more candidates than {@code maxCandidates} is applied to
 * the events directly instead.
 */
public final class EventSearch {
    /**
     * Rows of the page whose keys the inner query picked. Picking keys first lets a plate search
     * run as an index-only scan of (plate_norm, ts) INCLUDE (id) and read the heap for the page's
     * rows only, instead of for every match in the range before the top-N sort.
     */
    private static final String SELECT = """
            SELECT ts, id, kind, camera_id, city_code, district_code, street_code, community_code, grid_code,
                   site_type, plate_text, plate_color, confidence, box_x, box_y, box_w, box_h, track_id,
                   snapshot_key, crop_key,
                   ARRAY(SELECT key FROM jsonb_each_text(attributes) ORDER BY key) AS attr_keys,
                   ARRAY(SELECT value FROM jsonb_each_text(attributes) ORDER BY key) AS attr_values
            FROM %1$s JOIN (%2$s) page USING (ts, id) WHERE ts >= ? AND ts < ? ORDER BY ts DESC, id DESC""";

    /** Characters of a plate's region, and the expression the detection_plate_region index (V10) is on. */
    private static final int REGION_LENGTH = 2;
    private static final String REGION = "left(plate_norm, " + REGION_LENGTH + ")";

    /** The newest slice a prefix-pattern search reads first. */
    private static final Duration FIRST_SLICE = Duration.ofDays(1);

    private final DataSource dataSource;
    private final Duration maxRange;
    private final int maxCandidates;

    public EventSearch(Database database, Duration maxRange, int maxCandidates) {
        this.dataSource = database.dataSource();
        this.maxRange = maxRange;
        this.maxCandidates = maxCandidates;
    }

    public Page<Detection> search(EventQuery q) throws SQLException {
        checkRange(q.from(), q.to());
        Cursor cursor = q.cursor() == null ? null : Cursor.decode(q.cursor());
        DetectionKind kind = q.plate() != null ? DetectionKind.PLATE : q.kind();
        String table = kind == null ? "detection" : Table.of(kind).sql;
        // A pattern read over its prefix's range matches many plates a day, so its page is usually in the newest
        // day: walking back in slices that double (1 d, 2 d, 4 d...) reads that day's range, not the window's.
        boolean prefixRange = q.plate() != null && !q.plate().literalPrefix().isEmpty() && !byRegion(q.plate());
        Plan plan = Plan.of(q, prefixRange);
        StringBuilder sql = new StringBuilder("SELECT ts, id");
        if (plan == Plan.FENCED) {
            q.tiers().stream().map(TierCode::column).distinct().forEach(column -> sql.append(", ").append(column));
        }
        sql.append(" FROM ").append(table).append(" WHERE ts >= ? AND ts < ?");
        List<Object> params = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (q.plate() != null && !plateFilter(c, q, sql, params)) {
                return new Page<>(List.of(), null);
            }
            if (plan != Plan.FENCED) {
                appendTiers(q.tiers(), sql, params);
            }
            if (q.gridCode() != null) {
                sql.append(" AND grid_code = ?");
                params.add(q.gridCode());
            }
            if (q.cameraId() != null) {
                sql.append(" AND camera_id = ?");
                params.add(q.cameraId());
            }
            if (q.siteType() != null) {
                sql.append(" AND site_type = ?");
                params.add(q.siteType().name());
            }
            Instant upper = q.to();
            if (cursor != null) {
                sql.append(" AND (ts, id) < (?, ?)");
                params.add(Timestamp.from(cursor.time()));
                params.add(cursor.id());
                upper = min(upper, cursor.time().plus(1, ChronoUnit.MICROS)); // nothing newer can follow the cursor
            }
            if (plan == Plan.FENCED) {
                sql.insert(0, "SELECT ts, id FROM (").append(" OFFSET 0) fenced WHERE TRUE");
                appendTiers(q.tiers(), sql, params);
            }
            sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
            Duration slice = prefixRange ? FIRST_SLICE : Duration.between(q.from(), upper);
            List<Detection> rows = new ArrayList<>();
            execute(c, "SET plan_cache_mode = " + (plan == Plan.CUSTOM ? "force_custom_plan" : "force_generic_plan"));
            try (PreparedStatement ps = c.prepareStatement(SELECT.formatted(table, sql))) {
                ps.unwrap(PGStatement.class).setPrepareThreshold(plan == Plan.CUSTOM ? 0 : 1);
                while (rows.size() <= q.limit() && upper.isAfter(q.from())) {
                    Instant lower = max(q.from(), upper.minus(slice));
                    List<Object> all = new ArrayList<>(List.of(Timestamp.from(lower), Timestamp.from(upper)));
                    all.addAll(params);
                    all.addAll(List.of(q.limit() + 1 - rows.size(), Timestamp.from(lower), Timestamp.from(upper)));
                    bind(c, ps, all);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(detection(rs));
                        }
                    }
                    upper = lower;
                    slice = slice.multipliedBy(2);
                }
            } finally {
                execute(c, "RESET plan_cache_mode"); // the connection goes back to the pool
            }
            if (rows.size() <= q.limit()) {
                return new Page<>(rows, null);
            }
            Detection last = rows.get(q.limit() - 1);
            return new Page<>(rows.subList(0, q.limit()), new Cursor(last.time(), last.id()).encode());
        }
    }

    /** Totals per grid cell and kind over the period. */
    public List<GridCount> gridCounts(CountQuery q) throws SQLException {
        return counts(q, false);
    }

    /** Counts per hour, grid cell and kind over the period. */
    public List<GridCount> hourlyCounts(CountQuery q) throws SQLException {
        return counts(q, true);
    }

    private List<GridCount> counts(CountQuery q, boolean hourly) throws SQLException {
        checkRange(q.from(), q.to());
        String hour = hourly ? "hour, " : "";
        StringBuilder sql = new StringBuilder("SELECT " + hour + "grid_code, kind, sum(count)::bigint FROM detection_hourly"
                + " WHERE hour >= ? AND hour < ?");
        List<Object> params = new ArrayList<>(List.of(
                Timestamp.from(q.from().truncatedTo(ChronoUnit.HOURS)), Timestamp.from(q.to().truncatedTo(ChronoUnit.HOURS))));
        if (q.kind() != null) {
            sql.append(" AND kind = ?");
            params.add(q.kind().name());
        }
        appendTiers(q.tiers(), sql, params);
        sql.append(" GROUP BY ").append(hour).append("grid_code, kind ORDER BY ").append(hour).append("grid_code, kind");
        List<GridCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int col = 1;
                    Instant h = hourly ? rs.getTimestamp(col++).toInstant() : null;
                    String grid = rs.getString(col++);
                    out.add(new GridCount(h, grid.isEmpty() ? null : grid, DetectionKind.valueOf(rs.getString(col++)), rs.getLong(col)));
                }
            }
        }
        return out;
    }

    /** Appends the plate condition; false when no plate can match, so the event query can be skipped. */
    private boolean plateFilter(Connection c, EventQuery q, StringBuilder sql, List<Object> params) throws SQLException {
        PlateMatch plate = q.plate();
        if (plate.mode() == PlateMatch.Mode.EXACT) {
            sql.append(" AND plate_norm = ?");
            params.add(plate.key());
            return true;
        }
        String like = plate.like();
        String prefix = plate.literalPrefix();
        if (byRegion(plate)) {
            // newest first along (region, ts DESC, id DESC), stopping at the page's last match
            sql.append(" AND ").append(REGION).append(" = ? AND plate_norm LIKE ?");
            params.addAll(List.of(prefix, like));
            return true;
        }
        if (!prefix.isEmpty()) {
            // A range on the (plate_norm text_pattern_ops) index bounds the scan to the prefix's plates,
            // index-only with the tier codes it carries; spelled out so that generic plans use it too.
            sql.append(" AND plate_norm ~>=~ ? AND plate_norm ~<~ ? AND plate_norm LIKE ?");
            params.addAll(List.of(prefix, PlateMatch.prefixUpperBound(prefix), like));
            return true;
        }
        String column = plate.mode() == PlateMatch.Mode.FUZZY ? "fuzzy" : "text";
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT text FROM plate WHERE " + column
                + (like == null ? " = ?" : " LIKE ?") + " AND last_seen >= ? AND first_seen < ? LIMIT ?")) {
            ps.setString(1, like == null ? plate.key() : like);
            ps.setTimestamp(2, Timestamp.from(q.from().minus(SeenPlates.SLACK)));
            ps.setTimestamp(3, Timestamp.from(q.to()));
            ps.setInt(4, maxCandidates + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        if (candidates.size() <= maxCandidates) {
            sql.append(" AND plate_norm = ANY (?)");
            params.add(candidates.toArray(String[]::new));
        } else {
            String value = plate.mode() == PlateMatch.Mode.FUZZY ? BatchStore.FUZZY_SQL.formatted("plate_norm") : "plate_norm";
            sql.append(" AND ").append(value).append(like == null ? " = ?" : " LIKE ?");
            params.add(like == null ? plate.key() : like);
        }
        return true;
    }

    /** A pattern whose literal part is exactly a region (province and city letter: '渝A*12?', '渝A*'). */
    private static boolean byRegion(PlateMatch plate) {
        String prefix = plate.literalPrefix();
        return prefix.codePointCount(0, prefix.length()) == REGION_LENGTH;
    }

    /** Tier codes (places and the caller's scope) are ANDed equality tests. */
    private static void appendTiers(List<TierCode> tiers, StringBuilder sql, List<Object> params) {
        for (TierCode t : tiers) {
            sql.append(" AND ").append(t.column()).append(" = ?");
            params.add(t.code());
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void checkRange(Instant from, Instant to) {
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw new QueryException("to", "time range is longer than the allowed " + maxRange.toDays() + " days");
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] array) {
                Array sqlArray = c.createArrayOf("text", array);
                ps.setArray(i + 1, sqlArray);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static Detection detection(ResultSet rs) throws SQLException {
        String color = rs.getString("plate_color");
        int boxW = rs.getInt("box_w");
        Box box = rs.wasNull() ? null : new Box(rs.getInt("box_x"), rs.getInt("box_y"), boxW, rs.getInt("box_h"));
        String[] keys = (String[]) rs.getArray("attr_keys").getArray();
        String[] values = (String[]) rs.getArray("attr_values").getArray();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            attributes.put(keys[i], values[i]);
        }
        return new Detection(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("ts").toInstant(),
                rs.getObject("camera_id", UUID.class),
                new Placement(rs.getString("city_code"), rs.getString("district_code"), rs.getString("street_code"),
                        rs.getString("community_code"), rs.getString("grid_code"), SiteType.valueOf(rs.getString("site_type"))),
                DetectionKind.valueOf(rs.getString("kind")),
                rs.getString("plate_text"),
                color == null ? null : PlateColor.valueOf(color),
                rs.getFloat("confidence"),
                box,
                rs.getLong("track_id"),
                rs.getString("snapshot_key"),
                rs.getString("crop_key"),
                attributes);
    }

    /**
     * How a search is planned. Planning the partitioned join anew cost 3-4x the execution of an exact
     * search, so a search uses one generic plan per connection (partitions pruned at run time),
     * except for a pattern read over its prefix's range in the plate index, a range a generic plan
     * cannot see:
     * <ul>
     * <li>filtered by tier codes only, it keeps a generic plan with the tiers tested above an
     * {@code OFFSET 0} fence: the plate index carries the tier codes, so the fenced scan stays
     * index-only. Unfenced, the generic plan walked the district's rows by time (10M events, a
     * district-scoped {@code 渝G%7_} over the {@code 渝G} range of a day: 33-47 ms; fenced 3.3 ms;
     * custom plans 3.9-4.4 ms);</li>
     * <li>filtered by grid, camera or site type, it is planned with its values, every time.</li>
     * </ul>
     */
    private enum Plan {
        GENERIC, FENCED, CUSTOM;

        static Plan of(EventQuery q, boolean prefixRange) {
            if (!prefixRange) {
                return GENERIC;
            }
            if (q.gridCode() != null || q.cameraId() != null || q.siteType() != null) {
                return CUSTOM;
            }
            return q.tiers().isEmpty() ? GENERIC : FENCED;
        }
    }

    /** Position after the last row of a page: (ts, id) of that row. */
    record Cursor(Instant time, UUID id) {
        String encode() {
            String raw = time.getEpochSecond() + ":" + time.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("parts");
                }
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw new QueryException("cursor", "malformed; pass the 'next' value of the previous page unchanged");
            }
        }
    }
}
