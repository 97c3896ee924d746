package org.sharpeyes.console.watchlist;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sharpeyes.analytics.watchlist.Alert;
import org.sharpeyes.analytics.watchlist.AlertListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes watchlist hits from analytics threads, stores them and hands them on to the pushes. One
 * thread with a bounded queue: analytics never waits on the database; when the database is down
 * long enough to fill the queue, alerts are dropped with an error in the log.
 */
public final class AlertIntake implements AlertListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);

    private static final int RETRIES = 60;
    private static final long RETRY_PAUSE_MS = 1000;

    private final AlertStore store;
    private final Consumer<AlertStore.Stored> stored;
    private final ExecutorService worker;

    public AlertIntake(AlertStore store, Consumer<AlertStore.Stored> stored, int capacity) {
        this.store = store;
        this.stored = stored;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(capacity), r -> {
            Thread t = new Thread(r, "alert-intake");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onAlert(Alert alert) {
        try {
            worker.execute(() -> store(alert));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.error("alert queue full, dropped camera={} plate={}", alert.cameraId(), alert.plateText());
        }
    }

    /** Retries while the database is away (a minute), so a short outage loses no alert. */
    private void store(Alert alert) {
        for (int attempt = 1; ; attempt++) {
            try {
                stored.accept(store.insert(alert));
                return;
            } catch (java.sql.SQLException e) {
                if (attempt >= RETRIES) {
                    log.error("cannot store alert, dropped camera={} plate={} pattern={}: {}", alert.cameraId(), alert.plateText(),
                            alert.entry().pattern(), e.getMessage());
                    return;
                }
                log.warn("cannot store alert yet, retrying camera={} attempt={}: {}", alert.cameraId(), attempt, e.getMessage());
                try {
                    Thread.sleep(RETRY_PAUSE_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
