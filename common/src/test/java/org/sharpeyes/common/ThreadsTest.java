package org.sharpeyes.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsTest {
    @Test
    void stopInterruptsATaskAndWaitsForItToEnd() throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(() -> {
            started.countDown();
            Thread.sleep(60_000);
            return null;
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(Threads.stop(executor, Duration.ofSeconds(5))).isTrue();
        assertThat(executor.isTerminated()).isTrue();
    }

    /** An executor whose one task has started and spins, deaf to interrupts, until {@code release} counts down. */
    private static ExecutorService spinning(CountDownLatch release) throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(() -> {
            started.countDown();
            while (release.getCount() > 0) {
                Thread.onSpinWait();
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        return executor;
    }

    @Test
    void stopSaysWhenATaskIgnoringInterruptsOutlivesTheGrace() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = spinning(release);
        try {
            assertThat(Threads.stop(executor, Duration.ofMillis(50))).isFalse();
        } finally {
            release.countDown();
        }
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anInterruptedCallerStopsWaitingAndStaysInterrupted() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = spinning(release);
        Thread.currentThread().interrupt();
        try {
            assertThat(Threads.stop(executor, Duration.ofMinutes(1))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
            release.countDown();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
