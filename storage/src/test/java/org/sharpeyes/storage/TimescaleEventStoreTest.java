package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sharpeyes.storage.testing.Repo;
import org.sharpeyes.storage.testing.TimescaleDb;

/** The same contract on a real TimescaleDB, plus the objects only that flavour has. */
class TimescaleEventStoreTest extends EventStoreContract {
    private TimescaleDb db;

    @Override
    DbSettings settings() {
        Assumptions.assumeTrue(Repo.nodeAvailable(), "node is not installed: TimescaleDB tests need it");
        try {
            db = TimescaleDb.start();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return db.settings();
    }

    @Override
    Flavor expectedFlavor() {
        return Flavor.TIMESCALE;
    }

    @AfterAll
    void stopDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void hypertablesColumnstoreAggregatesAndPoliciesAreInPlace() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT hypertable_name || ':' || compression_enabled FROM timescaledb_information.hypertables"
                    + " ORDER BY 1")).containsExactly("camera_health:true", "detection_face:true", "detection_plate:true");
            assertThat(strings(s, "SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1"))
                    .containsExactly("detection_face_hourly", "detection_plate_hourly");
            assertThat(strings(s, "SELECT hypertable_name || ':' || proc_name || ':' || coalesce(config->>'drop_after', '')"
                    + " FROM timescaledb_information.jobs WHERE proc_name = 'policy_retention' ORDER BY 1"))
                    .contains("detection_face:policy_retention:30 days", "detection_plate:policy_retention:180 days");
            assertThat(strings(s, "SELECT DISTINCT proc_name FROM timescaledb_information.jobs ORDER BY 1"))
                    .contains("policy_compression", "policy_refresh_continuous_aggregate", "policy_retention");
        }
    }

    private static java.util.List<String> strings(Statement s, String sql) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
