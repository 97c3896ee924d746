package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.PlateColor;
import org.sharpeyes.common.SiteType;
import org.sharpeyes.storage.testing.EmbeddedDb;

/** The writer's binary COPY and the journal's text COPY must store exactly the same rows. */
class BinaryRowsTest {
    @TempDir
    Path dir;
    EmbeddedDb db;
    Database database;

    @BeforeEach
    void start() {
        db = new EmbeddedDb(dir.resolve("pg"));
        database = Database.open(db.settings(), Retention.DEFAULTS, Duration.ofDays(3));
    }

    @AfterEach
    void stop() throws Exception {
        database.close();
        db.close();
    }

    @Test
    void binaryAndTextCopiesStoreIdenticalRowsSoAReplayAddsNothing() throws Exception {
        List<Detection> events = awkwardEvents();
        BatchStore store = new BatchStore(database.dataSource(), database.layout(), new SeenPlates(100));
        store.writeFresh(events);
        String binary = dump();
        store.writeIdempotent(CopyRows.encode(events));
        assertThat(dump()).as("a text replay of the same events finds every row already there").isEqualTo(binary);

        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE detection_plate, detection_face");
        }
        store.writeIdempotent(CopyRows.encode(events));
        assertThat(dump()).as("text COPY stores what binary COPY stored").isEqualTo(binary);
    }

    private List<Detection> awkwardEvents() {
        Instant t = Instant.parse("2026-11-24T10:15:30.123456789Z");
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("quote\"back\\slash", "tab\there\nnewline");
        attrs.put("中文", "车辆 \u0001 control");
        List<Detection> out = new ArrayList<>();
        out.add(new Detection(UUID.randomUUID(), t, UUID.randomUUID(),
                new Placement("5001", "500103", null, "500103001", "G-\\1\t", SiteType.CRIME_PRONE), DetectionKind.PLATE,
                "渝A·12345", PlateColor.BLUE, 0.93f, new Box(-1, 0, Integer.MAX_VALUE, 7), Long.MIN_VALUE, "snap\\k", null, attrs));
        out.add(new Detection(UUID.randomUUID(), t.minusNanos(999), UUID.randomUUID(),
                new Placement(null, null, null, null, null, SiteType.OTHER), DetectionKind.FACE,
                null, null, 0f, null, 0, null, "crop/1", Map.of()));
        out.add(new Detection(UUID.randomUUID(), Instant.parse("1999-12-31T23:59:59.999999Z"), UUID.randomUUID(),
                new Placement("5001", "500103", "500103002", "500103002001", "G-2", SiteType.ROAD), DetectionKind.PLATE,
                "粤B D1234警", PlateColor.WHITE, 1f, new Box(1, 2, 3, 4), Long.MAX_VALUE, "", "", Map.of("", "")));
        return out;
    }

    /** Every column of every stored row, as PostgreSQL prints it, in a stable order. */
    private String dump() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT d::text FROM detection d ORDER BY id")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        assertThat(sb).isNotEmpty();
        return sb.toString();
    }
}
