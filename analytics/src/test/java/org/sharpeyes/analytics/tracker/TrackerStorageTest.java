package org.sharpeyes.analytics.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sharpeyes.analytics.tracker.Scene.face;
import static org.sharpeyes.analytics.tracker.Scene.moving;
import static org.sharpeyes.analytics.tracker.Scene.plate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.Box;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.EventWriter;
import org.sharpeyes.storage.LocalSnapshotStore;
import org.sharpeyes.storage.Retention;
import org.sharpeyes.storage.WriterSettings;
import org.sharpeyes.storage.testing.EmbeddedDb;
import org.sharpeyes.storage.testing.TestEvents;

/** The tracker's events through the real event writer into the detection table of an embedded PostgreSQL. */
class TrackerStorageTest {
    @TempDir
    Path dir;

    @Test
    void eventsLandInTheDetectionTableWithSnapshotKeysThatResolve() throws Exception {
        LocalSnapshotStore store = new LocalSnapshotStore(dir.resolve("snapshots"));
        try (EmbeddedDb db = new EmbeddedDb(dir.resolve("pg"));
             Database database = Database.open(db.settings(), Retention.DEFAULTS, Duration.ofDays(3));
             Scene scene = new Scene()) {
            try (EventWriter writer = new EventWriter(database, WriterSettings.defaults(dir.resolve("journal")));
                 Tracker tracker = new Tracker(scene.camera, TestEvents.NORTH, writer, store, new Watchlist(), List.of(),
                         TrackerSettings.DEFAULTS)) {
                for (int i = 0; i < 6; i++) {
                    tracker.onFrame(scene.frame(i, List.of(plate("京N·D1234", moving(new Box(200, 500, 140, 44), i, 25, 0), 0.9)),
                            List.of(face(moving(new Box(900, 200, 100, 100), i, -10, 0), 0.8f))));
                }
            } // closing the tracker flushes both passes; closing the writer stores what it accepted

            List<Map<String, Object>> rows = rows(database,
                    "SELECT kind, plate_text, plate_norm, plate_color, camera_id::text, grid_code, site_type, track_id,"
                            + " snapshot_key, crop_key FROM detection ORDER BY kind");
            assertThat(rows).hasSize(2);
            Map<String, Object> face = rows.get(0);
            Map<String, Object> plate = rows.get(1);
            assertThat(face).containsEntry("kind", "FACE").containsEntry("plate_text", null);
            assertThat(plate).containsEntry("kind", "PLATE").containsEntry("plate_text", "京ND1234")
                    .containsEntry("plate_norm", "京ND1234").containsEntry("plate_color", "BLUE");
            for (Map<String, Object> row : rows) {
                assertThat(row).containsEntry("camera_id", scene.camera.toString())
                        .containsEntry("grid_code", TestEvents.NORTH.gridCode()).containsEntry("site_type", "ALLEY");
                assertThat((Long) row.get("track_id")).isPositive();
                assertThat(Scene.decodeJpeg(store.read((String) row.get("snapshot_key"))).getWidth()).isEqualTo(Scene.WIDTH);
                assertThat(Scene.decodeJpeg(store.read((String) row.get("crop_key"))).getWidth()).isLessThan(Scene.WIDTH);
            }
            assertThat(face.get("track_id")).isNotEqualTo(plate.get("track_id"));
        }
    }

    private static List<Map<String, Object>> rows(Database database, String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
