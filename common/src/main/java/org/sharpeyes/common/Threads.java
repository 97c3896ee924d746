package org.sharpeyes.common;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Executors stopped the same way everywhere. */
public final class Threads {
    private Threads() {
    }

    /**
     * Interrupts what the executor runs and waits up to {@code grace} for it to end. An interrupt
     * of the caller while waiting ends the wait and stays set.
     *
     * @return whether every task has ended
     */
    public static boolean stop(ExecutorService executor, Duration grace) {
        executor.shutdownNow();
        try {
            return executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return executor.isTerminated();
        }
    }
}
