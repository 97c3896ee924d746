package org.sharpeyes.storage;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param queueCapacity events held in memory before {@code accept} blocks
 * @param batchSize     most events in one COPY
 * @param journalDir    where batches wait while the database is unreachable
 * @param retryMin      first wait before retrying the database; doubles up to retryMax
 */
public record WriterSettings(int queueCapacity, int batchSize, Path journalDir, long journalSegmentBytes,
                             Duration retryMin, Duration retryMax) {
    public WriterSettings {
        if (queueCapacity < 1 || batchSize < 1 || batchSize > queueCapacity) {
            throw new IllegalArgumentException("need 1 <= batchSize <= queueCapacity, got batchSize=" + batchSize
                    + " queueCapacity=" + queueCapacity);
        }
    }

    /**
     * Batches of up to 25,000: the plate and hourly-rollup upserts cost per distinct key, not per
     * event, so larger batches fold more events into each upserted row (IngestBench: about +40%
     * rows/s over 5,000). Under light load batches are smaller anyway: the writer takes what is queued.
     */
    public static WriterSettings defaults(Path journalDir) {
        return new WriterSettings(100_000, 25_000, journalDir, 64L << 20, Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
