package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.common.HealthSample;
import org.sharpeyes.storage.testing.EmbeddedDb;

class HealthWriterRecoveryTest {
    @Test
    void samplesTakenWhileTheDatabaseIsDownAreStoredWhenItReturns() throws Exception {
        try (EmbeddedDb db = EmbeddedDb.inTempDir();
             Database database = Database.open(db.settings(), Retention.DEFAULTS, Duration.ofDays(3));
             HealthWriter writer = new HealthWriter(database, 10_000, Duration.ofMillis(200))) {
            Instant t = Instant.now().minusSeconds(3600);
            db.crash();
            for (int i = 0; i < 100; i++) {
                assertThat(writer.offer(new HealthSample(t.plusSeconds(i), new UUID(9, i % 10), CameraStatus.ONLINE, null,
                        25.0, 1000, 1280, 720, "h264", 0, Map.of(), null))).isTrue();
            }
            Thread.sleep(1500); // several failed flushes
            db.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> count(database) == 100);
        }
    }

    private static long count(Database database) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM camera_health")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
