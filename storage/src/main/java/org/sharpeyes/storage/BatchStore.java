package org.sharpeyes.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.PlateText;

/**
 * Stores one batch of COPY rows in one transaction, together with the plate table and (plain
 * flavour) the hourly rollup. Two ways: {@link #writeFresh} copies straight into the event
 * tables, the fast path for events never sent before; {@link #writeIdempotent} stages the rows
 * and inserts only ids not yet stored, for journal replays and batches whose fate is unknown.
 */
final class BatchStore {
    /** SQL twin of PlateText.fuzzy on normalised text (where O and I no longer occur). */
    static final String FUZZY_SQL = "translate(%s, 'DQBZS', '00825')";

    private static final String RETURNED = "ts, kind, city_code, district_code, street_code, community_code, grid_code, plate_norm";
    private static final String ROLLUP_KEY = "hour, kind, grid_code, community_code, street_code, district_code, city_code";
    private static final String PLATE_UPSERT = """
            ON CONFLICT (text) DO UPDATE SET
                first_seen = least(plate.first_seen, excluded.first_seen),
                last_seen = greatest(plate.last_seen, excluded.last_seen)
            WHERE excluded.first_seen < plate.first_seen OR excluded.last_seen > plate.last_seen""";
    private static final String ROLLUP_UPSERT = " ON CONFLICT (" + ROLLUP_KEY + ") DO UPDATE SET count = detection_hourly.count + excluded.count";

    /** Rows per COPY chunk: about 250 KB, large enough that per-chunk overhead does not matter. */
    private static final int COPY_CHUNK_ROWS = 1000;

    private final DataSource dataSource;
    private final TimeSeriesLayout layout;
    private final SeenPlates seen;

    BatchStore(DataSource dataSource, TimeSeriesLayout layout, SeenPlates seen) {
        this.dataSource = dataSource;
        this.layout = layout;
        this.seen = seen;
    }

    void writeFresh(List<Detection> batch) throws SQLException {
        Map<Table, List<Detection>> byTable = new EnumMap<>(Table.class);
        for (Detection d : batch) {
            byTable.computeIfAbsent(Table.of(d.kind()), t -> new ArrayList<>()).add(d);
        }
        try (Connection c = dataSource.getConnection()) {
            for (var e : byTable.entrySet()) {
                layout.prepare(c, e.getKey(), days(e.getValue()));
            }
            c.setAutoCommit(false);
            try {
                for (var e : byTable.entrySet()) {
                    copyStreaming(c, "COPY " + e.getKey().sql + " (" + CopyRows.COLUMNS + ") FROM STDIN", e.getValue());
                }
                Map<String, Seen> plates = upsertPlates(c, batch);
                if (layout.writerKeepsRollup()) {
                    upsertRollup(c, batch);
                }
                c.commit();
                plates.forEach((plate, range) -> seen.committed(plate, range.first(), range.last()));
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    void writeIdempotent(byte[] rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (var e : daysOfRows(rows).entrySet()) {
                layout.prepare(c, e.getKey(), e.getValue());
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS detection_staging (LIKE detection_template INCLUDING DEFAULTS)"
                        + " ON COMMIT DELETE ROWS");
            }
            c.setAutoCommit(false);
            try {
                copy(c, "COPY detection_staging (" + CopyRows.COLUMNS + ") FROM STDIN", rows);
                String rollup = layout.writerKeepsRollup() ? """
                        , rollup AS (
                            INSERT INTO detection_hourly
                            SELECT date_trunc('hour', ts), kind, coalesce(city_code, ''), coalesce(district_code, ''),
                                   coalesce(street_code, ''), coalesce(community_code, ''), coalesce(grid_code, ''), count(*)
                            FROM inserted GROUP BY 1, 2, 3, 4, 5, 6, 7
                        """ + ROLLUP_UPSERT + ")" : "";
                try (Statement s = c.createStatement()) {
                    s.execute("WITH plates AS (INSERT INTO detection_plate SELECT * FROM detection_staging WHERE kind = 'PLATE'"
                            + " ON CONFLICT DO NOTHING RETURNING " + RETURNED + "),"
                            + " faces AS (INSERT INTO detection_face SELECT * FROM detection_staging WHERE kind = 'FACE'"
                            + " ON CONFLICT DO NOTHING RETURNING " + RETURNED + "),"
                            + " inserted AS (SELECT * FROM plates UNION ALL SELECT * FROM faces)" + rollup
                            + " INSERT INTO plate (text, fuzzy, first_seen, last_seen)"
                            + " SELECT plate_norm, " + FUZZY_SQL.formatted("plate_norm") + ", min(ts), max(ts)"
                            + " FROM inserted WHERE plate_norm IS NOT NULL GROUP BY plate_norm ORDER BY plate_norm "
                            + PLATE_UPSERT);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /**
     * Encodes and sends the rows in binary COPY format, in small chunks, so the server stores one
     * chunk while the next is encoded (on two cores this hides most of the encoding time).
     */
    private static void copyStreaming(Connection c, String sql, List<Detection> rows) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql + " (FORMAT binary)");
        try {
            BinaryRows encoder = new BinaryRows();
            in.writeToCopy(BinaryRows.HEADER, 0, BinaryRows.HEADER.length);
            for (int from = 0; from < rows.size(); from += COPY_CHUNK_ROWS) {
                byte[] chunk = encoder.encode(rows.subList(from, Math.min(rows.size(), from + COPY_CHUNK_ROWS)));
                in.writeToCopy(chunk, 0, chunk.length);
            }
            in.writeToCopy(BinaryRows.TRAILER, 0, BinaryRows.TRAILER.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void copy(Connection c, String sql, byte[] rows) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows), 1 << 16);
        } catch (IOException e) {
            throw new SQLException("COPY stream failed: " + e.getMessage(), "08006", e);
        }
    }

    /** First and last sighting of one plate in a batch. */
    private record Seen(Instant first, Instant last) {
        Seen merge(Seen o) {
            return new Seen(o.first.isBefore(first) ? o.first : first, o.last.isAfter(last) ? o.last : last);
        }
    }

    /**
     * Upserts the batch's plates that the plate table does not already cover (see {@link SeenPlates}),
     * sorted so concurrent writers lock plate rows in the same order; returns what it wrote.
     */
    private Map<String, Seen> upsertPlates(Connection c, List<Detection> batch) throws SQLException {
        TreeMap<String, Seen> plates = new TreeMap<>();
        for (Detection d : batch) {
            String norm = d.plateNorm();
            if (norm != null && !seen.covers(norm, d.time())) {
                plates.merge(norm, new Seen(d.time(), d.time()), Seen::merge);
            }
        }
        if (plates.isEmpty()) {
            return plates;
        }
        int n = plates.size();
        String[] text = new String[n];
        String[] fuzzy = new String[n];
        String[] first = new String[n];
        String[] last = new String[n];
        int i = 0;
        for (var e : plates.entrySet()) {
            text[i] = e.getKey();
            fuzzy[i] = PlateText.fuzzy(e.getKey());
            first[i] = e.getValue().first().toString();
            last[i++] = e.getValue().last().toString();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO plate (text, fuzzy, first_seen, last_seen)"
                + " SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) " + PLATE_UPSERT)) {
            ps.setArray(1, c.createArrayOf("text", text));
            ps.setArray(2, c.createArrayOf("text", fuzzy));
            ps.setArray(3, c.createArrayOf("text", first));
            ps.setArray(4, c.createArrayOf("text", last));
            ps.executeUpdate();
        }
        return plates;
    }

    private static void upsertRollup(Connection c, List<Detection> batch) throws SQLException {
        record Key(Instant hour, String kind, String grid, String community, String street, String district, String city) {
        }
        // Primary-key order, so concurrent writers lock rollup rows in the same order. Compared field
        // by field: comparing toString() here cost most of the writer's CPU.
        Comparator<Key> order = Comparator.comparing(Key::hour).thenComparing(Key::kind).thenComparing(Key::grid)
                .thenComparing(Key::community).thenComparing(Key::street).thenComparing(Key::district)
                .thenComparing(Key::city);
        Map<Key, Long> counts = new TreeMap<>(order);
        for (Detection d : batch) {
            var p = d.placement();
            counts.merge(new Key(d.time().truncatedTo(ChronoUnit.HOURS), d.kind().name(), orEmpty(p.gridCode()),
                    orEmpty(p.communityCode()), orEmpty(p.streetCode()), orEmpty(p.districtCode()), orEmpty(p.cityCode())),
                    1L, Long::sum);
        }
        int n = counts.size();
        String[][] cols = new String[7][n];
        Long[] count = new Long[n];
        int i = 0;
        for (var e : counts.entrySet()) {
            Key k = e.getKey();
            String[] values = {k.hour().toString(), k.kind(), k.grid(), k.community(), k.street(), k.district(), k.city()};
            for (int col = 0; col < 7; col++) {
                cols[col][i] = values[col];
            }
            count[i++] = e.getValue();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO detection_hourly (" + ROLLUP_KEY + ", count)"
                + " SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                + ROLLUP_UPSERT)) {
            for (int col = 0; col < 7; col++) {
                ps.setArray(col + 1, c.createArrayOf("text", cols[col]));
            }
            ps.setArray(8, c.createArrayOf("int8", count));
            ps.executeUpdate();
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Set<LocalDate> days(List<Detection> batch) {
        Set<LocalDate> days = new TreeSet<>();
        for (Detection d : batch) {
            days.add(LocalDate.ofInstant(d.time(), ZoneOffset.UTC));
        }
        return days;
    }

    /** UTC days per table in COPY rows, read from each row's leading ts and kind fields. */
    static Map<Table, Set<LocalDate>> daysOfRows(byte[] rows) {
        Map<Table, Set<LocalDate>> days = new HashMap<>();
        String text = new String(rows, StandardCharsets.UTF_8);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String[] head = text.substring(start, Math.min(end, start + 120)).split("\t", 4);
            Table table = head[2].equals("PLATE") ? Table.DETECTION_PLATE : Table.DETECTION_FACE;
            days.computeIfAbsent(table, t -> new TreeSet<>()).add(LocalDate.ofInstant(Instant.parse(head[0]), ZoneOffset.UTC));
            start = end + 1;
        }
        return days;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is likely gone; the pool discards it.
        }
    }
}
