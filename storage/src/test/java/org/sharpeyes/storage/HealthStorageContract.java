package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.common.HealthSample;

/**
 * A small hand-placed tree, five cameras and their samples; every expected rate is worked out
 * by hand in the comments. Run on both flavours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HealthStorageContract {
    /** Window start: yesterday 10:00 UTC (a day partition created on demand). */
    static final Instant W = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).plus(Duration.ofHours(10));
    static final Instant W_END = W.plus(Duration.ofMinutes(10));
    static final UUID A = new UUID(7, 1);
    static final UUID B = new UUID(7, 2);
    static final UUID C = new UUID(7, 3);
    static final UUID D = new UUID(7, 4);
    static final UUID E = new UUID(7, 5);

    private Database database;
    private HealthStats stats;

    @BeforeAll
    void writeDataSet() throws Exception {
        database = Database.open(settings(), Retention.DEFAULTS, Duration.ofDays(3));
        stats = new HealthStats(database.dataSource());
        try (Connection c = database.dataSource().getConnection()) {
            long city = unit(c, null, "CITY", "500000");
            long d1 = unit(c, city, "DISTRICT", "500101");
            long d2 = unit(c, city, "DISTRICT", "500102");
            long s1 = unit(c, d1, "STREET", "500101001");
            grid(c, "G1", d1);
            grid(c, "G2", d2);
            grid(c, "G3", d2);
            camera(c, A, s1, "G1", true);
            camera(c, B, d1, "G1", true);
            camera(c, C, d2, "G2", true);
            camera(c, D, d2, "G2", false);
            camera(c, E, d2, null, true);
        }
        try (HealthWriter writer = new HealthWriter(database, 1000, Duration.ofHours(1))) {
            // A: online 3 of 4, intact 2 of 4 (the DEGRADED one has a picture fault).
            offer(writer, A, 0, CameraStatus.ONLINE, List.of());
            offer(writer, A, 1, CameraStatus.ONLINE, List.of());
            offer(writer, A, 2, CameraStatus.DEGRADED, List.of("BLUR"));
            offer(writer, A, 3, CameraStatus.OFFLINE, List.of());
            // B: online 2 of 2, intact 2 of 2 (DEGRADED by frame rate is no picture fault).
            offer(writer, B, 0, CameraStatus.ONLINE, List.of());
            offer(writer, B, 5, CameraStatus.DEGRADED, List.of());
            // C: offline in the window; its ONLINE samples lie just outside [W, W_END).
            for (int m = 0; m < 4; m++) {
                offer(writer, C, m, CameraStatus.OFFLINE, List.of());
            }
            offer(writer, C, -1, CameraStatus.ONLINE, List.of());
            offer(writer, C, 10, CameraStatus.ONLINE, List.of());
            // D is disabled: not counted whatever it says. E never reported: counts as 0.
            offer(writer, D, 0, CameraStatus.ONLINE, List.of());
            // A duplicate (same camera and time, e.g. a retried batch) is stored once.
            offer(writer, A, 0, CameraStatus.ONLINE, List.of());
            assertThat(writer.flush()).isEqualTo(14);
        }
    }

    abstract DbSettings settings();

    @AfterAll
    void closeDatabase() {
        database.close();
    }

    @Test
    void orgUnitRatesIncludeTheSubtree() throws Exception {
        Map<String, AvailabilityRate> byCode = index(stats.byOrgUnit(W, W_END));
        // Street: A alone.
        expect(byCode.get("500101001"), 1, 1, 4, 0.75, 0.5);
        // District 1: A and B: (0.75 + 1) / 2, (0.5 + 1) / 2.
        expect(byCode.get("500101"), 2, 2, 6, 0.875, 0.75);
        // District 2: C (0) and E (no samples, 0); D disabled.
        expect(byCode.get("500102"), 2, 1, 4, 0, 0);
        // City: A, B, C, E: (0.75 + 1 + 0 + 0) / 4, (0.5 + 1) / 4.
        expect(byCode.get("500000"), 4, 3, 10, 0.4375, 0.375);
    }

    @Test
    void gridRatesCountTheCellsCameras() throws Exception {
        Map<String, AvailabilityRate> byCode = index(stats.byGrid(W, W_END));
        expect(byCode.get("G1"), 2, 2, 6, 0.875, 0.75);
        expect(byCode.get("G2"), 1, 1, 4, 0, 0);
        assertThat(byCode.get("G3").cameras()).isZero();
        assertThat(byCode.get("G3").onlineRate()).isNaN();
    }

    @Test
    void theWindowIsHalfOpen() throws Exception {
        // [W_END, W_END + 1 min) holds only C's ONLINE sample at W_END.
        Map<String, AvailabilityRate> byCode = index(stats.byGrid(W_END, W_END.plus(Duration.ofMinutes(1))));
        expect(byCode.get("G2"), 1, 1, 1, 1, 1);
        expect(byCode.get("G1"), 2, 0, 0, 0, 0);
    }

    @Test
    void rowsKeepEveryField() throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status, reason, fps, bitrate_kbps, width, height, codec,"
                     + " reconnects, quality->'faults'->>0, (quality->'scores'->>'BLUR')::float8 FROM camera_health"
                     + " WHERE camera_id = ? AND ts = ?")) {
            ps.setObject(1, A);
            ps.setTimestamp(2, java.sql.Timestamp.from(W.plus(Duration.ofMinutes(2))));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("DEGRADED");
                assertThat(rs.getString(2)).isEqualTo("tab\there \"quoted\" and back\\slash");
                assertThat(rs.getFloat(3)).isEqualTo(24.5f);
                assertThat(rs.getInt(4)).isEqualTo(2048);
                assertThat(rs.getInt(5)).isEqualTo(1920);
                assertThat(rs.getInt(6)).isEqualTo(1080);
                assertThat(rs.getString(7)).isEqualTo("h264");
                assertThat(rs.getInt(8)).isEqualTo(2);
                assertThat(rs.getString(9)).isEqualTo("BLUR");
                assertThat(rs.getDouble(10)).isEqualTo(2.5);
            }
        }
    }

    @Test
    void aFullWriterRefusesInsteadOfBlocking() throws Exception {
        try (HealthWriter writer = new HealthWriter(database, 2, Duration.ofHours(1))) {
            Instant t = W.plus(Duration.ofHours(5));
            assertThat(writer.offer(sample(E, t, CameraStatus.ONLINE, List.of()))).isTrue();
            assertThat(writer.offer(sample(E, t.plusSeconds(60), CameraStatus.ONLINE, List.of()))).isTrue();
            assertThat(writer.offer(sample(E, t.plusSeconds(120), CameraStatus.ONLINE, List.of()))).isFalse();
            assertThat(writer.flush()).isEqualTo(2);
            assertThat(writer.offer(sample(E, t.plusSeconds(120), CameraStatus.ONLINE, List.of()))).isTrue();
        }
        // close() wrote the last one.
        assertThat(index(stats.byGrid(W.plus(Duration.ofHours(5)), W.plus(Duration.ofHours(6)))).get("G1").samples()).isZero();
        assertThat(index(stats.byOrgUnit(W.plus(Duration.ofHours(5)), W.plus(Duration.ofHours(6)))).get("500102").samples())
                .isEqualTo(3);
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> stats.byGrid(W, W)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    private static void expect(AvailabilityRate r, int cameras, int withSamples, long samples, double online, double integrity) {
        assertThat(r.cameras()).as(r.key() + " cameras").isEqualTo(cameras);
        assertThat(r.camerasWithSamples()).as(r.key() + " with samples").isEqualTo(withSamples);
        assertThat(r.samples()).as(r.key() + " samples").isEqualTo(samples);
        assertThat(r.onlineRate()).as(r.key() + " online").isCloseTo(online, within(1e-9));
        assertThat(r.integrityRate()).as(r.key() + " integrity").isCloseTo(integrity, within(1e-9));
    }

    private static Map<String, AvailabilityRate> index(List<AvailabilityRate> rates) {
        return rates.stream().collect(java.util.stream.Collectors.toMap(AvailabilityRate::key, r -> r));
    }

    private static void offer(HealthWriter w, UUID camera, int minute, CameraStatus status, List<String> faults) {
        assertThat(w.offer(sample(camera, W.plus(Duration.ofMinutes(minute)), status, faults))).isTrue();
    }

    private static HealthSample sample(UUID camera, Instant t, CameraStatus status, List<String> faults) {
        boolean live = status != CameraStatus.OFFLINE;
        return new HealthSample(t, camera, status, faults.isEmpty() ? null : "tab\there \"quoted\" and back\\slash",
                live ? 24.5 : null, live ? 2048 : null, 1920, 1080, "h264", 2,
                faults.isEmpty() ? Map.of() : Map.of("BLUR", 2.5, "NOISE", 0.4), faults);
    }

    private static long unit(Connection c, Long parent, String tier, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO org_unit (parent_id, tier, code, name) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setObject(1, parent);
            ps.setString(2, tier);
            ps.setString(3, code);
            ps.setString(4, "unit " + code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void grid(Connection c, String code, long unit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_cell (code, org_unit_id, name) VALUES (?, ?, ?)")) {
            ps.setString(1, code);
            ps.setLong(2, unit);
            ps.setString(3, "grid " + code);
            ps.executeUpdate();
        }
    }

    private static void camera(Connection c, UUID id, long unit, String grid, boolean enabled) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO camera (id, name, org_unit_id, grid_code, site_type, enabled) VALUES (?, ?, ?, ?, 'ALLEY', ?)")) {
            ps.setObject(1, id);
            ps.setString(2, "cam " + id);
            ps.setLong(3, unit);
            ps.setString(4, grid);
            ps.setBoolean(5, enabled);
            ps.executeUpdate();
        }
    }
}
