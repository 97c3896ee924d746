package org.sharpeyes.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.storage.CopyRows;
import org.sharpeyes.storage.EventWriter;
import org.sharpeyes.storage.WriterSettings;
import org.sharpeyes.storage.testing.TestEvents;

/**
 * End-to-end ingest: {@link EventWriter} (COPY plus plate and hourly-rollup upserts in one
 * transaction per batch) against {@code psql \copy} of byte-identical rows into the same tables of
 * the same embedded PostgreSQL. Runs alternate, tables are emptied and checkpointed before each,
 * and medians are compared: on a small shared machine only the ratio is meaningful.
 *
 * <p>Usage: {@code IngestBench [rows=1000000] [rounds=3]}
 */
public final class IngestBench {
    private static final String PSQL = "/usr/bin/psql";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("sharpeyes-ingest");
        try (BenchDb db = BenchDb.start(work.resolve("pg"))) {
            List<Detection> events = generate(rows);
            Path plates = work.resolve("plates.copy");
            Path faces = work.resolve("faces.copy");
            writeCopyFiles(events, plates, faces);
            System.out.printf("rows=%d (plates file %d MiB, faces file %d MiB) rounds=%d%n", rows,
                    Files.size(plates) >> 20, Files.size(faces) >> 20, rounds);

            // Untimed: warms the JIT and creates the daily partitions psql will need.
            List<Detection> warmUp = new ArrayList<>();
            for (int i = 0; i < rows; i += 5) {
                warmUp.add(events.get(i));
            }
            runWriter(db, warmUp, work.resolve("journal-warmup"));

            double[] writer = new double[rounds];
            double[] psql = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // Alternate which goes first so drift (cache, autovacuum, neighbours) hits both alike.
                boolean writerFirst = r % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == writerFirst) {
                        writer[r] = rows / runWriter(db, events, work.resolve("journal-" + r));
                        System.out.printf("round %d writer %,10.0f rows/s%n", r + 1, writer[r]);
                    } else {
                        psql[r] = rows / runPsql(db, plates, faces, rows);
                        System.out.printf("round %d psql   %,10.0f rows/s%n", r + 1, psql[r]);
                    }
                }
            }
            // Each round pairs the two sides back to back; the median of the paired ratios resists the
            // drift of a shared machine better than the ratio of the two medians.
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = writer[r] / psql[r];
            }
            double w = Percentiles.of(writer).median();
            double p = Percentiles.of(psql).median();
            double q = Percentiles.of(ratio).median();
            System.out.println();
            System.out.println("| rows | rounds | EventWriter median rows/s | psql \\copy median rows/s | median of round ratios | target >= 0.80 |");
            System.out.println("|---:|---:|---:|---:|---:|:---:|");
            System.out.printf("| %,d | %d | %,.0f | %,.0f | %.2f | %s |%n", rows, rounds, w, p, q, q >= 0.8 ? "met" : "MISSED");
        } finally {
            BenchDb.deleteTree(work);
        }
    }

    /** Seconds from the first accept to close() returning (everything committed). */
    private static double runWriter(BenchDb db, List<Detection> events, Path journal) throws Exception {
        reset(db);
        EventWriter writer = new EventWriter(db.database, WriterSettings.defaults(journal));
        long t0 = System.nanoTime();
        for (Detection d : events) {
            writer.accept(d);
        }
        writer.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        EventWriter.Stats s = writer.stats();
        if (s.written() != events.size() || s.journaled() != 0 || s.rejected() != 0) {
            throw new IllegalStateException("writer did not store everything directly: " + s);
        }
        check(db, events.size());
        return seconds;
    }

    /** Seconds for one psql process to \copy both files (each \copy commits on its own). */
    private static double runPsql(BenchDb db, Path plates, Path faces, int rows) throws Exception {
        reset(db);
        ProcessBuilder pb = new ProcessBuilder(PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", String.valueOf(db.port()), "-U", "postgres", "-d", "postgres",
                "-c", "\\copy detection_plate (" + CopyRows.COLUMNS + ") FROM '" + plates + "'",
                "-c", "\\copy detection_face (" + CopyRows.COLUMNS + ") FROM '" + faces + "'");
        pb.environment().put("PGPASSWORD", "postgres");
        pb.inheritIO();
        long t0 = System.nanoTime();
        Process process = pb.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("psql took over 10 minutes");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("psql failed with exit code " + process.exitValue());
        }
        check(db, rows);
        return seconds;
    }

    /** Empty event, plate and rollup tables (partitions stay) and a checkpoint, so runs start alike. */
    private static void reset(BenchDb db) throws Exception {
        db.execute("TRUNCATE detection_plate, detection_face, plate, detection_hourly", "CHECKPOINT");
    }

    private static void check(BenchDb db, long expected) throws Exception {
        long stored = db.queryLong("SELECT (SELECT count(*) FROM detection_plate) + (SELECT count(*) FROM detection_face)");
        if (stored != expected) {
            throw new IllegalStateException("expected " + expected + " rows stored, found " + stored);
        }
    }

    /** A live-like stream: 2,000 cameras, time-ordered over the last 24 hours. */
    private static List<Detection> generate(int rows) {
        TestEvents.City city = new TestEvents.City(7, 2_000, 100_000);
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = end.minus(Duration.ofDays(1));
        long spanNanos = Duration.ofDays(1).toNanos();
        List<Detection> events = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            events.add(city.next(start.plusNanos(spanNanos / rows * i)));
        }
        return events;
    }

    /** Split by kind as the writer does; same COPY text encoding the writer sends. */
    private static void writeCopyFiles(List<Detection> events, Path plates, Path faces) throws IOException {
        int chunk = 10_000;
        try (OutputStream p = Files.newOutputStream(plates); OutputStream f = Files.newOutputStream(faces)) {
            for (int from = 0; from < events.size(); from += chunk) {
                List<Detection> part = events.subList(from, Math.min(events.size(), from + chunk));
                p.write(CopyRows.encode(part.stream().filter(d -> d.kind() == DetectionKind.PLATE).toList()));
                f.write(CopyRows.encode(part.stream().filter(d -> d.kind() == DetectionKind.FACE).toList()));
            }
        }
    }

    private IngestBench() {
    }
}
