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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.common.Detection;
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
        assertThat(count("SELECT sightings FROM plate WHERE text = '渝A12345'")).isEqualTo(1);
        assertThat(count("SELECT sum(count) FROM detection_hourly")).isEqualTo(2);
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
        long plates = sent.stream().filter(d -> d.plateText() != null).count();
        assertThat(count("SELECT sum(sightings) FROM plate")).isEqualTo(plates);
        assertThat(count("SELECT sum(count) FROM detection_hourly")).isEqualTo(sent.size());
    }

    private long count(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
