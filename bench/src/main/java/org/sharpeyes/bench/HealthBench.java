package org.sharpeyes.bench;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.common.HealthSample;
import org.sharpeyes.storage.HealthStats;
import org.sharpeyes.storage.HealthWriter;

/**
 * Health at city scale: N cameras (1 city, 10 districts, 100 streets, 500 grid cells) each
 * sampled once a simulated minute; each minute is one {@link HealthWriter#flush()} (one COPY).
 * Then online and integrity rates per org unit and per grid over the whole period.
 *
 * <pre>bench/run HealthBench [cameras=10000] [minutes=60] [dataDir=temp]</pre>
 */
public final class HealthBench {
    public static void main(String[] args) throws Exception {
        int cameras = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        var dir = args.length > 2 ? java.nio.file.Path.of(args[2]) : Files.createTempDirectory("sharpeyes-healthbench");
        Random rnd = new Random(42);
        try (BenchDb db = BenchDb.start(dir)) {
            List<UUID> ids = new ArrayList<>();
            db.execute("INSERT INTO org_unit (tier, code, name) VALUES ('CITY', 'C', 'city')");
            try (Connection c = db.database.dataSource().getConnection()) {
                c.createStatement().execute("""
                        INSERT INTO org_unit (parent_id, tier, code, name)
                        SELECT (SELECT id FROM org_unit WHERE code = 'C'), 'DISTRICT', 'D' || d, 'district ' || d
                        FROM generate_series(0, 9) d;
                        INSERT INTO org_unit (parent_id, tier, code, name)
                        SELECT (SELECT id FROM org_unit WHERE code = 'D' || (s % 10)), 'STREET', 'S' || s, 'street ' || s
                        FROM generate_series(0, 99) s;
                        INSERT INTO grid_cell (code, org_unit_id, name)
                        SELECT 'G' || g, (SELECT id FROM org_unit WHERE code = 'S' || (g % 100)), 'grid ' || g
                        FROM generate_series(0, 499) g""");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO camera (id, name, org_unit_id, grid_code, site_type)"
                        + " VALUES (?, ?, (SELECT id FROM org_unit WHERE code = ?), ?, 'ALLEY')")) {
                    for (int i = 0; i < cameras; i++) {
                        UUID id = new UUID(0x5EL, i);
                        ids.add(id);
                        ps.setObject(1, id);
                        ps.setString(2, "cam" + i);
                        ps.setString(3, "S" + (i % 500 % 100));
                        ps.setString(4, "G" + (i % 500));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofMinutes(minutes));
            double[] flushMs = new double[minutes];
            try (HealthWriter writer = new HealthWriter(db.database, cameras * 2, Duration.ofHours(1))) {
                for (int m = 0; m < minutes; m++) {
                    Instant t = start.plus(Duration.ofMinutes(m));
                    for (UUID id : ids) {
                        int roll = rnd.nextInt(100);
                        CameraStatus status = roll < 5 ? CameraStatus.OFFLINE : roll < 10 ? CameraStatus.DEGRADED : CameraStatus.ONLINE;
                        boolean live = status != CameraStatus.OFFLINE;
                        writer.offer(new HealthSample(t, id, status, status == CameraStatus.ONLINE ? null : "reason " + roll,
                                live ? 25.0 : null, live ? 2048 : null, 1920, 1080, "h264", 0,
                                live ? Map.of("BLUR", 0.3, "NOISE", 1.2, "SIGNAL_LOSS", 0.0) : Map.of(),
                                status == CameraStatus.DEGRADED ? List.of("BLUR") : List.of()));
                    }
                    long t0 = System.nanoTime();
                    writer.flush();
                    flushMs[m] = (System.nanoTime() - t0) / 1e6;
                }
            }
            db.execute("VACUUM ANALYZE camera_health");
            HealthStats stats = new HealthStats(db.database.dataSource());
            double[] orgMs = new double[5];
            double[] gridMs = new double[5];
            int units = 0;
            int grids = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                units = stats.byOrgUnit(start, start.plus(Duration.ofMinutes(minutes))).size();
                orgMs[i] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                grids = stats.byGrid(start, start.plus(Duration.ofMinutes(minutes))).size();
                gridMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            Percentiles f = Percentiles.of(flushMs);
            System.out.printf("HealthBench cameras=%d minutes=%d rows=%d%n", cameras, minutes, (long) cameras * minutes);
            System.out.printf("flush of %d samples (one COPY): p50 %.0f ms p95 %.0f ms max %.0f ms%n", cameras, f.median(),
                    f.at(95), f.max());
            System.out.printf("rates over %d min: %d org units p50 %.0f ms max %.0f ms; %d grids p50 %.0f ms max %.0f ms%n",
                    minutes, units, Percentiles.of(orgMs).median(), Percentiles.of(orgMs).max(), grids,
                    Percentiles.of(gridMs).median(), Percentiles.of(gridMs).max());
        }
    }
}
