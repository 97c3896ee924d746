package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.testing.FreezingProxy;
import org.sharpeyes.gateway.testing.Recorder;
import org.sharpeyes.gateway.testing.RtspCamera;

/**
 * The watchdog of a reader stuck inside a read: a camera whose TCP connection stays established
 * but goes silent mid-stream (hung encoder, black-holing NAT), played by a {@link FreezingProxy}
 * in front of a real camera.
 */
class ReaderWatchdogTest {
    static final Duration IO_TIMEOUT = Duration.ofSeconds(2);
    static final RtspSettings SETTINGS = new RtspSettings(IO_TIMEOUT, Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofSeconds(10));
    /** Polling, scheduling on a loaded 2-core machine: the read itself must give up at the I/O timeout. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    @Test
    void aReadStuckOnASilentConnectionTimesOutReconnectsAfterTheThawAndSparesOtherCameras() throws Exception {
        try (RtspCamera frozenCam = RtspCamera.start(RtspCamera.Options.h264());
             RtspCamera otherCam = RtspCamera.start(RtspCamera.Options.h264());
             FreezingProxy proxy = new FreezingProxy(frozenCam.port())) {
            Pointer.totalBytes(); // JavaCPP starts its one deallocator thread with its first use
            Set<Thread> threads0 = Thread.getAllStackTraces().keySet();
            Recorder a = new Recorder();
            Recorder b = new Recorder();
            RtspPuller pa = RtspPuller.start("frozen", proxy::url, SETTINGS, a);
            RtspPuller pb = RtspPuller.start("other", otherCam::url, SETTINGS, b);
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> a.packets.size() >= 25 && b.packets.size() >= 25);

                proxy.freeze();
                long frozenAt = System.nanoTime();
                await().pollInterval(Duration.ofMillis(20)).atMost(IO_TIMEOUT.plus(MARGIN)).until(() -> !pa.stats().connected());
                long offlineMs = ms(frozenAt);
                StreamStats lost = pa.stats();
                assertThat(lost.lastError()).startsWith("TIMEOUT: read");
                int packetsAtTimeout = a.packets.size();

                // Still frozen: the thread is not stuck, it keeps trying (and new connections time out too).
                int connections = proxy.connections();
                await().atMost(IO_TIMEOUT.multipliedBy(2).plus(SETTINGS.backoffMax()).plus(MARGIN))
                        .until(() -> proxy.connections() > connections);
                await().atMost(IO_TIMEOUT.plus(MARGIN)).until(() -> pa.stats().lastError().startsWith("TIMEOUT: connect"));
                assertThat(pa.stats().connected()).isFalse();
                assertThat(a.packets).hasSize(packetsAtTimeout);
                long frozenMs = ms(frozenAt);

                proxy.thaw();
                long thawedAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).until(() -> pa.stats().connected() && a.packets.size() > packetsAtTimeout);
                long backMs = ms(thawedAt);
                assertThat(pa.stats().reconnects()).isEqualTo(1);
                assertThat(a.streams).hasSize(2);
                // the timed-out session was cut, not torn down politely: nothing it wrote reached the camera late
                assertThat(proxy.requests("TEARDOWN")).isZero();

                long gapMs = maxGapMs(b.packets, frozenAt, thawedAt);
                System.out.printf("frozen stream offline after %d ms (ioTimeout %d ms), %d connections while frozen %d ms, "
                                + "back %d ms after thaw; other camera's longest gap %d ms%n", offlineMs, IO_TIMEOUT.toMillis(),
                        proxy.connections() - connections + 1, frozenMs, backMs, gapMs);
                assertThat(gapMs).as("other camera's longest gap between packets while the first was frozen, ms").isLessThan(1000);
                assertThat(pb.stats().reconnects()).isZero();
            } finally {
                pa.close();
                pb.close();
            }
            assertThat(proxy.requests("TEARDOWN")).as("a normal stop tears the RTSP session down").isEqualTo(1);
            assertThat(pullThreads()).isEmpty();
            assertThat(threadsStartedSince(threads0, Duration.ofSeconds(5))).as("threads started since the baseline").isEmpty();
        }
    }

    @Test
    void aStuckReaderIsReplacedWhileItsSilentConnectionStaysOpen() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264()); FreezingProxy proxy = new FreezingProxy(cam.port())) {
            Recorder r = new Recorder();
            try (RtspPuller p = RtspPuller.start("c", proxy::url, SETTINGS, r)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> r.packets.size() >= 25);
                proxy.freezeCurrentConnections(); // the camera still answers new connections
                long frozenAt = System.nanoTime();
                int before = r.packets.size();
                await().atMost(IO_TIMEOUT.plus(SETTINGS.backoffMax()).plus(Duration.ofSeconds(5)))
                        .until(() -> p.stats().reconnects() == 1 && r.packets.size() > before);
                System.out.printf("stuck reader replaced, packets again %d ms after the freeze%n", ms(frozenAt));
                assertThat(p.stats().connected()).isTrue();
                assertThat(proxy.connections()).isEqualTo(2);
            }
        }
    }

    @Test
    void stoppingAPullerTearsDownItsSessionWithinABoundedTime() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264()); FreezingProxy proxy = new FreezingProxy(cam.port())) {
            Recorder r = new Recorder();
            RtspPuller p = RtspPuller.start("c", proxy::url, SETTINGS, r);
            await().atMost(Duration.ofSeconds(15)).until(() -> r.packets.size() >= 10);
            long t = System.nanoTime();
            p.close();
            long closeMs = ms(t);
            await().atMost(Duration.ofSeconds(2)).until(() -> proxy.requests("TEARDOWN") == 1);
            System.out.printf("puller closed in %d ms, TEARDOWN sent%n", closeMs);
            assertThat(closeMs).isLessThan(1500);
        }
    }

    /**
     * Threads alive that were not in {@code baseline}, once none are or after {@code wait} (no awaitility: it adds
     * one). The JVM-wide deadline watchdog, started by the first session, is not a leak.
     */
    static List<Thread> threadsStartedSince(Set<Thread> baseline, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            List<Thread> extra = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !baseline.contains(t) && !t.getName().equals(RtspSession.WATCHDOG_THREAD)).toList();
            if (extra.isEmpty() || System.nanoTime() - end > 0) {
                return extra;
            }
            Thread.sleep(50);
        }
    }

    static List<Thread> pullThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rtsp-") && !t.getName().equals(RtspSession.WATCHDOG_THREAD)).toList();
    }

    /** Longest time without a packet between {@code from} and {@code to} (System.nanoTime), edges included. */
    static long maxGapMs(List<Packet> packets, long from, long to) {
        long prev = from;
        long max = 0;
        for (Packet p : packets) {
            long at = p.receivedNanos();
            if (at - from < 0) {
                continue;
            }
            if (at - to > 0) {
                break;
            }
            max = Math.max(max, at - prev);
            prev = at;
        }
        return TimeUnit.NANOSECONDS.toMillis(Math.max(max, to - prev));
    }

    static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
