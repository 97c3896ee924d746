package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.sharpeyes.storage.testing.TestEvents;

class EventWriterTest {
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
    void databaseCrashMidStreamLosesAndDuplicatesNothing() throws Exception {
        TestEvents.City city = new TestEvents.City(42, 50, 2_000);
        List<Detection> sent = new ArrayList<>();
        Instant t = Instant.now().minus(Duration.ofHours(2));
        try (EventWriter writer = new EventWriter(database, settings())) {
            for (int i = 0; i < 30_000; i++) {
                Detection d = city.next(t.plusMillis(i * 10L));
                writer.accept(d);
                sent.add(d);
                if (i == 10_000) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> writer.stats().written() > 2_000);
                    db.crash();
                }
                if (i == 20_000) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> writer.stats().journalBytes() > 0);
                    db.start();
                }
                if (i % 1000 == 0) {
                    Thread.sleep(20); // a camera network's steady trickle, not one burst
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.stats().journalSegments() == 0
                    && writer.stats().queueDepth() == 0 && writer.stats().written() == sent.size());
            assertThat(writer.stats().journaled()).isPositive();
            assertThat(writer.stats().rejected()).isZero();
        }
        assertStoredExactlyOnce(sent);
    }

    @Test
    void journalSurvivesANodeRestartAndIsReplayedByTheNextWriter() throws Exception {
        TestEvents.City city = new TestEvents.City(7, 10, 100);
        List<Detection> sent = new ArrayList<>();
        Instant t = Instant.now().minus(Duration.ofHours(1));
        db.crash();
        try (EventWriter writer = new EventWriter(database, settings())) {
            for (int i = 0; i < 5_000; i++) {
                Detection d = city.next(t.plusMillis(i));
                writer.accept(d);
                sent.add(d);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.stats().journaled() == sent.size());
        }
        assertThat(Files.list(dir.resolve("journal")).filter(p -> p.toString().endsWith(".journal"))).isNotEmpty();

        db.start();
        try (EventWriter next = new EventWriter(database, settings())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> next.stats().journalSegments() == 0);
        }
        assertStoredExactlyOnce(sent);
    }

    @Test
    void anEventAcceptedTwiceIsStoredOnce() throws Exception {
        Detection d = TestEvents.plate(Instant.now(), "渝A12345", TestEvents.CENTRE, UUID.randomUUID());
        try (EventWriter writer = new EventWriter(database, settings())) {
            writer.accept(d);
            await().until(() -> writer.stats().written() == 1);
            writer.accept(d);
            writer.accept(TestEvents.plate(Instant.now(), "渝A12346", TestEvents.CENTRE, UUID.randomUUID()));
        }
        assertThat(count("SELECT count(*) FROM detection")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM plate")).isEqualTo(2);
        assertThat(count("SELECT sum(count) FROM detection_hourly")).isEqualTo(2);
    }

    @Test
    void aPlateSeenAgainSoonIsStillFoundByWildcardInAWindowHoldingOnlyTheLaterSighting() throws Exception {
        Instant first = Instant.now().minus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        Instant again = first.plus(Duration.ofHours(20));
        Instant much = first.plus(Duration.ofDays(3));
        EventSearch search = new EventSearch(database, Duration.ofDays(31), 1000);
        try (EventWriter writer = new EventWriter(database, settings())) {
            writer.accept(TestEvents.plate(first, "渝A12345", TestEvents.CENTRE, UUID.randomUUID()));
            await().until(() -> writer.stats().written() == 1);
            writer.accept(TestEvents.plate(again, "渝A12345", TestEvents.CENTRE, UUID.randomUUID()));
            await().until(() -> writer.stats().written() == 2);
            // The second sighting cost no plate write, yet searches around it find it.
            assertThat(count("SELECT count(*) FROM plate WHERE last_seen = '" + first + "'")).isEqualTo(1);
            for (PlateMatch match : List.of(PlateMatch.wildcard("渝A*45"), PlateMatch.fuzzy("渝A1Z345"))) {
                var page = search.search(EventQuery.between(again.minusSeconds(60), again.plusSeconds(60)).plate(match).build());
                assertThat(page.items()).extracting(Detection::time).as(match.toString()).containsExactly(again);
            }
            writer.accept(TestEvents.plate(much, "渝A12345", TestEvents.CENTRE, UUID.randomUUID()));
        }
        // Beyond the slack the plate row moves on.
        assertThat(count("SELECT count(*) FROM plate WHERE first_seen = '" + first + "' AND last_seen = '" + much + "'")).isEqualTo(1);
    }

    @Test
    void retentionForgetsPlatesWhoseEventsExpired() throws Exception {
        try (EventWriter writer = new EventWriter(database, settings())) {
            writer.accept(TestEvents.plate(Instant.now().minus(Duration.ofDays(200)), "渝A00001", TestEvents.CENTRE, UUID.randomUUID()));
            writer.accept(TestEvents.plate(Instant.now().minus(Duration.ofDays(100)), "渝A00002", TestEvents.CENTRE, UUID.randomUUID()));
        }
        database.maintain();
        assertThat(count("SELECT count(*) FROM detection_plate")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM plate WHERE text = '渝A00001'")).isZero();
        assertThat(count("SELECT count(*) FROM plate WHERE text = '渝A00002'")).isEqualTo(1);
    }

    @Test
    void retentionDropsWholeDaysPerKind() throws Exception {
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(40));
        try (EventWriter writer = new EventWriter(database, settings())) {
            writer.accept(TestEvents.plate(old, "渝A11111", TestEvents.CENTRE, UUID.randomUUID()));
            writer.accept(TestEvents.face(old, TestEvents.CENTRE, UUID.randomUUID()));
            writer.accept(TestEvents.face(now, TestEvents.CENTRE, UUID.randomUUID()));
        }
        database.maintain();
        // Faces are kept 30 days, plates 180: the old face's day is gone, the old plate stays.
        assertThat(count("SELECT count(*) FROM detection WHERE kind = 'FACE'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM detection WHERE kind = 'PLATE'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM detection_hourly WHERE kind = 'FACE'")).isEqualTo(1);
        String oldFacePartition = PlainLayout.partitionName(Table.DETECTION_FACE, LocalDate.ofInstant(old, ZoneOffset.UTC));
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = '" + oldFacePartition + "'")).isZero();
        String ahead = PlainLayout.partitionName(Table.DETECTION_PLATE, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(3));
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = '" + ahead + "'")).isEqualTo(1);
    }

    private WriterSettings settings() {
        return new WriterSettings(2_000, 500, dir.resolve("journal"), 256 * 1024, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    private void assertStoredExactlyOnce(List<Detection> sent) throws Exception {
        Set<UUID> stored = new HashSet<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM detection")) {
            while (rs.next()) {
                assertThat(stored.add(rs.getObject(1, UUID.class))).as("duplicate id").isTrue();
            }
        }
        assertThat(stored).hasSize(sent.size()).containsAll(sent.stream().map(Detection::id).toList());
        assertThat(count("SELECT count(*) FROM detection d WHERE plate_norm IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plate p"
                + " WHERE p.text = d.plate_norm AND p.first_seen <= d.ts AND p.last_seen >= d.ts - interval '1 day')"))
                .as("events whose plate the plate table does not cover").isZero();
        assertThat(count("SELECT sum(count) FROM detection_hourly")).isEqualTo(sent.size());
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The writer's binary COPY and the journal's text COPY must store exactly the same rows. */
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
