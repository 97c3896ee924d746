package org.sharpeyes.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.EventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes events from any thread and stores them in COPY batches from one writer thread.
 *
 * <p>Memory is bounded: {@link #accept} blocks while the queue is full. While the database is
 * unreachable, batches go to a disk journal; once the journal holds anything, new batches follow
 * them there so order is kept, and the journal is replayed (idempotently, by event id) when the
 * database answers again. A batch the database rejects for its content, not for being
 * unreachable, is kept in {@code rejected/} beside the journal rather than dropped.
 */
public final class EventWriter implements EventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    /** Plates remembered as already in the plate table: about 25 MB at most. */
    private static final int SEEN_PLATES = 200_000;

    private final BatchStore store;
    private final WriterSettings settings;
    private final BlockingQueue<Detection> queue;
    private final Journal journal;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean accepting = true;
    private volatile boolean databaseUp = true;
    private volatile String lastError;
    private long retryDelayMs;
    private long nextRetryAt;

    public EventWriter(Database database, WriterSettings settings) {
        this.store = new BatchStore(database.dataSource(), database.layout(), new SeenPlates(SEEN_PLATES));
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.journal = new Journal(settings.journalDir(), settings.journalSegmentBytes());
        this.retryDelayMs = settings.retryMin().toMillis();
        this.thread = new Thread(this::run, "event-writer");
        thread.start();
    }

    @Override
    public void accept(Detection detection) throws InterruptedException {
        if (!accepting) {
            throw new IllegalStateException("event writer is closed");
        }
        queue.put(detection);
    }

    public Stats stats() {
        return new Stats(queue.size(), settings.queueCapacity(), journal.bytes(), journal.segments(), written.get(),
                journaled.get(), rejected.get(), databaseUp, lastError);
    }

    /** Stops intake, stores or journals everything accepted, and returns when done. */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while flushing; events still queued stay in memory and are lost queueDepth={}", queue.size());
        }
        try {
            journal.close();
        } catch (IOException e) {
            log.warn("journal close failed: {}", e.getMessage());
        }
        Stats s = stats();
        log.info("event writer stopped written={} journaledBytes={} rejected={}", s.written(), s.journalBytes(), s.rejected());
    }

    /**
     * @param journalBytes bytes waiting in the disk journal
     * @param rejected     events the database refused for their content (kept in rejected/)
     */
    public record Stats(int queueDepth, int queueCapacity, long journalBytes, int journalSegments, long written,
                        long journaled, long rejected, boolean databaseUp, String lastError) {
    }

    private void run() {
        List<Detection> batch = new ArrayList<>(settings.batchSize());
        while (accepting || !queue.isEmpty()) {
            try {
                Detection first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, settings.batchSize() - 1);
                }
                if (journal.isEmpty()) {
                    if (!batch.isEmpty()) {
                        writeOrJournal(batch);
                    }
                } else {
                    if (!batch.isEmpty()) {
                        appendToJournal(CopyRows.encode(batch), batch.size());
                    }
                    if (accepting && System.currentTimeMillis() >= nextRetryAt) {
                        replayJournal();
                    }
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                accepting = false;
            } catch (RuntimeException e) {
                // Never let the writer thread die; the batch stays in memory and is retried.
                log.error("event writer loop failed, retrying batch of {}", batch.size(), e);
                sleepQuietly(settings.retryMin().toMillis());
            }
        }
    }

    private void writeOrJournal(List<Detection> batch) throws InterruptedException {
        try {
            store.writeFresh(batch);
            written.addAndGet(batch.size());
            markUp();
        } catch (SQLException e) {
            byte[] rows = CopyRows.encode(batch);
            if (isUnreachable(e)) {
                markDown(e);
                appendToJournal(rows, batch.size());
            } else {
                // Content problem, e.g. an id stored before: only new ids go in; poison is set aside.
                if (!storeIdempotent(rows, batch.size(), e)) {
                    appendToJournal(rows, batch.size());
                }
            }
        }
    }

    private void replayJournal() {
        try {
            for (Path segment : journal.pendingSegments()) {
                List<byte[]> records = Journal.read(segment);
                for (byte[] rows : records) {
                    if (!storeIdempotent(rows, lineCount(rows), null)) {
                        return; // the whole segment is retried later; replay is idempotent
                    }
                }
                journal.remove(segment);
                log.info("journal segment replayed segment={} batches={}", segment.getFileName(), records.size());
            }
            markUp();
        } catch (IOException e) {
            lastError = "journal: " + e.getMessage();
            log.error("journal replay failed: {}", e.getMessage());
            scheduleRetry();
        }
    }

    /**
     * Stores the rows whose ids are not stored yet; rows the database refuses for their content
     * are set aside. False when the database is unreachable and nothing was stored.
     */
    private boolean storeIdempotent(byte[] rows, int count, SQLException earlier) {
        try {
            store.writeIdempotent(rows);
            written.addAndGet(count);
        } catch (SQLException e) {
            if (isUnreachable(e)) {
                markDown(e);
                return false;
            }
            if (earlier != null) {
                e.addSuppressed(earlier);
            }
            reject(rows, count, e);
        }
        return true;
    }

    /** Retries until the disk takes the batch: an accepted event is never dropped. */
    private void appendToJournal(byte[] rows, int count) throws InterruptedException {
        while (true) {
            try {
                journal.append(rows);
                journaled.addAndGet(count);
                return;
            } catch (IOException e) {
                lastError = "journal: " + e.getMessage();
                log.error("cannot append to journal dir={}, retrying: {}", settings.journalDir(), e.getMessage());
                Thread.sleep(settings.retryMax().toMillis());
            }
        }
    }

    private void reject(byte[] rows, int count, SQLException e) {
        rejected.addAndGet(count);
        lastError = e.getMessage();
        Path dir = settings.journalDir().resolve("rejected");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(Instant.now().toEpochMilli() + "-" + System.nanoTime() + ".rows");
            Files.write(file, rows);
            log.error("database refused a batch; kept for inspection file={} events={} sqlState={} error={}",
                    file, count, e.getSQLState(), e.getMessage());
        } catch (IOException io) {
            log.error("database refused a batch and it could not be kept events={} error={}", count, io.getMessage());
        }
    }

    private void markUp() {
        if (!databaseUp) {
            log.info("database reachable again");
        }
        databaseUp = true;
        lastError = null;
        retryDelayMs = settings.retryMin().toMillis();
    }

    private void markDown(SQLException e) {
        if (databaseUp) {
            log.warn("database unreachable, journaling events sqlState={} error={}", e.getSQLState(), e.getMessage());
        }
        databaseUp = false;
        lastError = e.getMessage();
        scheduleRetry();
    }

    private void scheduleRetry() {
        long jitter = ThreadLocalRandom.current().nextLong(retryDelayMs / 4 + 1);
        nextRetryAt = System.currentTimeMillis() + retryDelayMs + jitter;
        retryDelayMs = Math.min(retryDelayMs * 2, settings.retryMax().toMillis());
    }

    /** Connection-level failures (class 08, shutdown 57P, resources 53, pool timeouts). */
    static boolean isUnreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int lineCount(byte[] rows) {
        int n = 0;
        for (byte b : rows) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
