package org.sharpeyes.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sharpeyes.storage.CountQuery;
import org.sharpeyes.storage.EventQuery;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.EventWriter;
import org.sharpeyes.storage.PlateMatch;
import org.sharpeyes.storage.WriterSettings;
import org.sharpeyes.storage.testing.TestEvents;

/**
 * Search latency on a month of data: 2,000 cameras, 30 days, about 500k distinct plates (three
 * in four from 渝, so {@code 渝A*8?} is selective but not trivial). The data directory is kept and
 * reused: a rerun with the same row count skips the load.
 *
 * <p>Usage: {@code SearchBench [dataDir=/tmp/sharpeyes-searchbench] [rows=10000000] [queries=200]}
 */
public final class SearchBench {
    /** Fixed, so a reused data directory and a fresh one hold the same month. */
    static final Instant START = Instant.parse("2025-06-01T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(30);
    static final int PAGE = 50;
    static final int WARM_UP = 50;

    record Target(String name, double p95Ms) {
    }

    record Sample(Instant ts, String plate) {
    }

    /** One measured query: returns the number of rows it produced. */
    interface Query {
        int run(Sample sample, SplittableRandom random) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "/tmp/sharpeyes-searchbench");
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Files.createDirectories(dataDir);
        try (BenchDb db = BenchDb.start(dataDir)) {
            prepare(db, rows, dataDir);
            List<Sample> samples = samples(db, queries + WARM_UP);
            EventSearch search = new EventSearch(db.database, Duration.ofDays(31), 1000);
            System.out.println();
            System.out.println("| query | n | p50 ms | p95 ms | max ms | mean rows | target p95 | met |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|:---:|");
            measure("plate exact", 20, samples, queries, (s, r) ->
                    search.search(window(s.ts(), r).plate(PlateMatch.exact(s.plate())).limit(PAGE).build()).items().size());
            measure("plate wildcard (渝A*8? style)", 200, samples, queries, (s, r) ->
                    search.search(window(s.ts(), r).plate(PlateMatch.wildcard(wildcard(s.plate()))).limit(PAGE).build()).items().size());
            measure("plate fuzzy (0/D 8/B 5/S 2/Z swapped)", 300, samples, queries, (s, r) ->
                    search.search(window(s.ts(), r).plate(PlateMatch.fuzzy(confuse(s.plate()))).limit(PAGE).build()).items().size());
            measure("grid heat map, one day", 100, samples, queries, (s, r) -> {
                Instant from = START.plus(Duration.ofHours(r.nextInt((int) SPAN.toHours() - 24)));
                return search.gridCounts(new CountQuery(from, from.plus(Duration.ofDays(1)), null, List.of())).size();
            });
        }
    }

    /** Loads the month unless the data directory already holds it (a rerun with the same row count). */
    static void prepare(BenchDb db, long rows, Path dataDir) throws Exception {
        boolean marked = db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'bench_meta'") > 0;
        long loaded = marked ? db.queryLong("SELECT rows FROM bench_meta") : -1;
        long stored = db.queryLong("SELECT (SELECT count(*) FROM detection_plate) + (SELECT count(*) FROM detection_face)");
        if (loaded != rows && stored == rows) {
            finish(db, rows); // a previous run stored every row but stopped before VACUUM ANALYZE
        } else if (loaded != rows) {
            load(db, rows);
        } else {
            System.out.printf("reusing %,d rows in %s%n", rows, dataDir);
        }
        System.out.printf("detection_plate %,d rows, detection_face %,d rows, plate %,d distinct, database %s%n",
                db.queryLong("SELECT count(*) FROM detection_plate"), db.queryLong("SELECT count(*) FROM detection_face"),
                db.queryLong("SELECT count(*) FROM plate"), size(db));
    }

    /** Time-ordered like live ingest, through the production writer; then VACUUM ANALYZE. */
    static void load(BenchDb db, long rows) throws Exception {
        System.out.printf("loading %,d rows over %d days ...%n", rows, SPAN.toDays());
        db.execute("DROP TABLE IF EXISTS bench_meta", "TRUNCATE detection_plate, detection_face, plate, detection_hourly");
        // 560k plates drawn with TestEvents' skew leave about 500k distinct in 8M plate events.
        TestEvents.City city = new TestEvents.City(42, 2_000, 560_000);
        long t0 = System.nanoTime();
        long spanNanos = SPAN.toNanos();
        try (EventWriter writer = new EventWriter(db.database, WriterSettings.defaults(Files.createTempDirectory("sharpeyes-journal")))) {
            for (long i = 0; i < rows; i++) {
                writer.accept(city.next(START.plusNanos(spanNanos / rows * i)));
                if ((i + 1) % 1_000_000 == 0) {
                    System.out.printf("  %,d rows, %.0f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("loaded in %.0f s (%,.0f rows/s)%n", loadSeconds, rows / loadSeconds);
        finish(db, rows);
    }

    /** Fresh statistics and visibility map, then the marker that lets reruns skip the load. */
    static void finish(BenchDb db, long rows) throws Exception {
        long t0 = System.nanoTime();
        db.execute("VACUUM ANALYZE");
        System.out.printf("VACUUM ANALYZE %.0f s%n", (System.nanoTime() - t0) / 1e9);
        db.execute("CREATE TABLE bench_meta AS SELECT " + rows + "::bigint AS rows");
    }

    /** Real (time, plate) pairs drawn from the events, so every plate query has at least one hit. */
    static List<Sample> samples(BenchDb db, int n) throws Exception {
        List<Sample> out = new ArrayList<>();
        try (Connection c = db.database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ts, plate_norm FROM detection_plate TABLESAMPLE SYSTEM (0.1) REPEATABLE (7)"
                     + " ORDER BY md5(id::text) LIMIT " + n)) {
            while (rs.next()) {
                out.add(new Sample(rs.getTimestamp(1).toInstant(), rs.getString(2)));
            }
        }
        if (out.size() < n) {
            throw new IllegalStateException("only " + out.size() + " sample events; load more rows");
        }
        return out;
    }

    /** A random 1 to 7 day window inside the month that contains the sampled event. */
    static EventQuery.Builder window(Instant ts, SplittableRandom random) {
        Duration length = Duration.ofHours(24 + random.nextInt(6 * 24 + 1));
        Instant from = windowStart(ts, length, random);
        return EventQuery.between(from, from.plus(length));
    }

    /** The start of a random window of {@code length} inside the month that contains {@code ts}. */
    static Instant windowStart(Instant ts, Duration length, SplittableRandom random) {
        Instant earliest = ts.minus(length).plusSeconds(1);
        if (earliest.isBefore(START)) {
            earliest = START;
        }
        Instant latest = ts.isAfter(START.plus(SPAN).minus(length)) ? START.plus(SPAN).minus(length) : ts;
        long choices = Math.max(1, Duration.between(earliest, latest).toSeconds());
        return earliest.plusSeconds(random.nextLong(choices)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** 渝A12385 becomes 渝A*8?: region and letter, any run, the sixth character, one more. */
    static String wildcard(String plate) {
        return plate.substring(0, 2) + "*" + plate.charAt(plate.length() - 2) + "?";
    }

    /** The plate as an OCR might misread it: each confusable character swapped with its twin. */
    static String confuse(String plate) {
        StringBuilder sb = new StringBuilder(plate.length());
        for (char ch : plate.toCharArray()) {
            sb.append(switch (ch) {
                case '0' -> 'D';
                case 'D' -> '0';
                case '8' -> 'B';
                case 'B' -> '8';
                case '5' -> 'S';
                case 'S' -> '5';
                case '2' -> 'Z';
                case 'Z' -> '2';
                default -> ch;
            });
        }
        return sb.toString();
    }

    static void measure(String name, double targetP95, List<Sample> samples, int queries, Query query) throws Exception {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int i = 0; i < WARM_UP; i++) {
            query.run(samples.get(queries + i), random);
        }
        double[] ms = new double[queries];
        long rows = 0;
        for (int i = 0; i < queries; i++) {
            long t0 = System.nanoTime();
            rows += query.run(samples.get(i), random);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Percentiles p = Percentiles.of(ms);
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | < %.0f | %s |%n", name, queries, p.median(), p.at(95),
                p.max(), (double) rows / queries, targetP95, p.at(95) < targetP95 ? "yes" : "NO");
    }

    private static String size(BenchDb db) throws Exception {
        return db.queryLong("SELECT pg_database_size(current_database())") / (1 << 20) + " MiB";
    }

    private SearchBench() {
    }
}
