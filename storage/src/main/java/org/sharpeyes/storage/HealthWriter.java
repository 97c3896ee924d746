package org.sharpeyes.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.sharpeyes.common.HealthSample;
import org.sharpeyes.common.HealthSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores health samples in {@code camera_health}: a bounded queue drained by one thread every
 * flush interval into one COPY per flush (10 000 cameras' minute is one 10 000-row COPY). The
 * COPY goes through a staging table and {@code ON CONFLICT DO NOTHING}, so a batch retried after
 * a failure whose outcome was unknown is stored once. While the database is away the batch is
 * kept and retried; new samples queue up to the capacity, then {@link #offer} refuses.
 */
public final class HealthWriter implements HealthSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthWriter.class);

    private final Database db;
    private final BlockingQueue<HealthSample> queue;
    private final Duration flushInterval;
    private final Thread thread;
    private final Object flushLock = new Object();
    private List<HealthSample> pending = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param capacity      samples held in memory at most (e.g. 100 000: ten minutes of 10 000 cameras)
     * @param flushInterval how often the queue is written
     */
    public HealthWriter(Database db, int capacity, Duration flushInterval) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.db = db;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.flushInterval = flushInterval;
        this.thread = new Thread(this::run, "health-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean offer(HealthSample sample) {
        if (!running) {
            throw new IllegalStateException("health writer is closed");
        }
        return queue.offer(sample);
    }

    /** Writes everything taken so far; returns the number of rows sent. */
    public int flush() throws SQLException {
        synchronized (flushLock) {
            queue.drainTo(pending);
            if (pending.isEmpty()) {
                return 0;
            }
            write(pending);
            int n = pending.size();
            pending = new ArrayList<>();
            return n;
        }
    }

    private void run() {
        long backoffMs = flushInterval.toMillis();
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(backoffMs);
                flush();
                backoffMs = flushInterval.toMillis();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                log.warn("health write failed; will retry pending={} queued={} error={}", pending.size(), queue.size(), e.getMessage());
                backoffMs = Math.min(Math.max(1000, backoffMs * 2), 60_000);
            }
        }
    }

    private void write(List<HealthSample> batch) throws SQLException {
        Set<LocalDate> days = new TreeSet<>();
        batch.forEach(s -> days.add(LocalDate.ofInstant(s.time(), ZoneOffset.UTC)));
        try (Connection c = db.dataSource().getConnection()) {
            db.layout().prepare(c, Table.CAMERA_HEALTH, days);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE IF NOT EXISTS camera_health_staging (LIKE camera_health_template INCLUDING DEFAULTS)"
                        + " ON COMMIT DELETE ROWS");
            }
            c.setAutoCommit(false);
            try {
                byte[] rows = HealthRows.encode(batch);
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY camera_health_staging (" + HealthRows.COLUMNS
                        + ") FROM STDIN", new ByteArrayInputStream(rows), 1 << 16);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO camera_health SELECT * FROM camera_health_staging ON CONFLICT DO NOTHING");
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the pool drops it
                }
                throw e instanceof SQLException se ? se : new SQLException("health COPY failed: " + e.getMessage(), "08006", e);
            }
        }
    }

    /** Stops the thread and writes what is left; throws if that last write fails. */
    @Override
    public void close() throws SQLException {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
