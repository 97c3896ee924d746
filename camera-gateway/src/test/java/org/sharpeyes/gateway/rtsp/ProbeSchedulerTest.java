package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.testing.RtspCamera;

class ProbeSchedulerTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static List<ProbeScheduler.Target> targets(int n, String url) {
        List<ProbeScheduler.Target> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ProbeScheduler.Target(UUID.randomUUID(), url, null, null));
        }
        return out;
    }

    @Test
    void everyCameraIsProbedOncePerInterval() throws Exception {
        ProbeSettings settings = new ProbeSettings(Duration.ofSeconds(1), 8, Duration.ofSeconds(2), Duration.ofSeconds(3), true);
        Map<UUID, AtomicInteger> ok = new ConcurrentHashMap<>();
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.h264());
             LightProbe probe = new LightProbe(group, settings);
             ProbeScheduler scheduler = new ProbeScheduler(probe, settings, group.next(),
                     (t, r) -> ok.computeIfAbsent(t.cameraId(), id -> new AtomicInteger()).addAndGet(r.ok() ? 1 : 0))) {
            List<ProbeScheduler.Target> targets = targets(30, camera.url());
            scheduler.setTargets(targets);
            scheduler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ok.size() == 30
                    && ok.values().stream().allMatch(c -> c.get() >= 2));
            ProbeScheduler.Stats stats = scheduler.stats().get(5, TimeUnit.SECONDS);
            assertThat(stats.targets()).isEqualTo(30);
            assertThat(stats.inFlight()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void probesAreSpreadOverTheInterval() throws Exception {
        // A listener that never accepts: connects succeed (kernel backlog) and no answer ever comes.
        try (ServerSocket silent = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            ProbeSettings settings = new ProbeSettings(Duration.ofSeconds(4), 1000, Duration.ofSeconds(2),
                    Duration.ofSeconds(30), true);
            try (LightProbe probe = new LightProbe(group, settings);
                 ProbeScheduler scheduler = new ProbeScheduler(probe, settings, group.next(), (t, r) -> { })) {
                scheduler.setTargets(targets(100, "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam0"));
                scheduler.start();
                Thread.sleep(1000);
                // A quarter into the interval: some started, far from all (a burst would start all 100 at
                // once). Bounds loose enough for a loaded machine, where the loop may run late but not early.
                long early = scheduler.stats().get(5, TimeUnit.SECONDS).started();
                assertThat(early).isBetween(5L, 50L);
                await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.stats().get(5, TimeUnit.SECONDS).started() >= 100);
            }
        }
    }

    @Test
    void concurrencyIsBoundedAndLateTurnsAreSkipped() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            ProbeSettings settings = new ProbeSettings(Duration.ofMillis(500), 5, Duration.ofSeconds(2),
                    Duration.ofMillis(800), true);
            List<ProbeResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
            try (LightProbe probe = new LightProbe(group, settings);
                 ProbeScheduler scheduler = new ProbeScheduler(probe, settings, group.next(), (t, r) -> results.add(r))) {
                scheduler.setTargets(targets(20, "rtsp://127.0.0.1:" + silent.getLocalPort() + "/cam0"));
                scheduler.start();
                int maxInFlight = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < deadline) {
                    maxInFlight = Math.max(maxInFlight, scheduler.stats().get(5, TimeUnit.SECONDS).inFlight());
                    Thread.sleep(20);
                }
                ProbeScheduler.Stats stats = scheduler.stats().get(5, TimeUnit.SECONDS);
                assertThat(maxInFlight).isEqualTo(5);
                assertThat(stats.skipped()).isPositive();
                assertThat(stats.queued()).isLessThanOrEqualTo(20);
                assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r.error()).contains("no answer to OPTIONS"));
            }
        }
    }
}
