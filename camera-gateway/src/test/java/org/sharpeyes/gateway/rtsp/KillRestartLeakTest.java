package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.testing.Recorder;
import org.sharpeyes.gateway.testing.RtspCamera;

/** 50 kill/restart cycles of a real camera: every cycle OFFLINE ≤ 10 s and ONLINE ≤ 10 s, and nothing piles up. */
@Tag("slow")
class KillRestartLeakTest {
    static final int CYCLES = 50;
    static final StreamKey KEY = new StreamKey("c", StreamKey.Profile.MAIN);

    @Test
    void fiftyKillRestartCyclesLeakNeitherThreadsNorNativeMemory() throws Exception {
        RtspSettings settings = new RtspSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        ExecutorService pool = Executors.newFixedThreadPool(1);
        var threads = ManagementFactory.getThreadMXBean();
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264());
             StreamHubs hubs = new StreamHubs(RtspPuller.opener(k -> cam.url(), settings), HubSettings.defaults())) {
            Recorder r = new Recorder() {
                @Override
                public void onPacket(org.sharpeyes.gateway.hub.Packet packet) {
                    // count, do not keep: the test is about the gateway's memory, not the recorder's
                }
            };
            hubs.subscribe(KEY, r, pool);
            await().atMost(Duration.ofSeconds(15)).until(() -> online(hubs));
            long threads0 = 0;
            long total0 = 0;
            long physical0 = 0;
            long maxOffMs = 0;
            long maxOnMs = 0;
            for (int i = 0; i < CYCLES; i++) {
                if (i == 5) { // after warm-up: JIT, FFmpeg's lazily built tables, pools
                    System.gc();
                    threads0 = threads.getThreadCount();
                    total0 = Pointer.totalBytes();
                    physical0 = Pointer.physicalBytes();
                }
                cam.kill();
                long t = System.nanoTime();
                await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).until(() -> !stats(hubs).connected());
                maxOffMs = Math.max(maxOffMs, (System.nanoTime() - t) / 1_000_000);
                cam.start();
                t = System.nanoTime();
                await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).until(() -> online(hubs));
                maxOnMs = Math.max(maxOnMs, (System.nanoTime() - t) / 1_000_000);
            }
            System.gc();
            long dThreads = threads.getThreadCount() - threads0;
            long dTotal = Pointer.totalBytes() - total0;
            long dPhysical = Pointer.physicalBytes() - physical0;
            System.out.printf("kill/restart x%d: max offline detection %d ms, max back online %d ms, threads %+d, "
                    + "JavaCPP totalBytes %+d, physicalBytes (RSS) %+d KiB, reconnects %d%n", CYCLES, maxOffMs, maxOnMs, dThreads,
                    dTotal, dPhysical / 1024, stats(hubs).reconnects());
            assertThat(stats(hubs).reconnects()).isEqualTo(CYCLES);
            assertThat(dThreads).as("thread count growth").isLessThanOrEqualTo(2);
            assertThat(dTotal).as("JavaCPP-tracked native bytes growth").isLessThan(64 * 1024);
            // RSS also moves with the Java heap and malloc arenas: allow noise, not a per-cycle leak
            // (a leaked connection costs far more than 300 KiB, so 45 of them would show)
            assertThat(dPhysical).as("resident memory growth").isLessThan(16L << 20);
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean online(StreamHubs hubs) {
        StreamStats s = stats(hubs);
        return s != null && s.connected() && s.lastPacket() != null && s.connectedSince() != null
                && !s.lastPacket().isBefore(s.connectedSince());
    }

    static StreamStats stats(StreamHubs hubs) {
        return hubs.stats().get(KEY);
    }
}
