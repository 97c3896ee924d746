package org.sharpeyes.gateway.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.bytedeco.javacpp.BytePointer;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;
import org.sharpeyes.gateway.testing.RtspCamera;

/** The sampler against real RTSP cameras (GStreamer), through real hubs and FFmpeg decoding. */
class QualitySamplerTest {
    private static final HubSettings QUICK_IDLE = new HubSettings(256, Duration.ofMillis(200), 8L << 20);

    /** Camera i is mount i of the test server; every camera has only a MAIN stream here. */
    private static Function<UUID, StreamKey> mainStream() {
        return id -> new StreamKey(id.toString(), StreamKey.Profile.MAIN);
    }

    private static StreamHubs hubs(Function<StreamKey, String> urls) {
        return new StreamHubs(RtspPuller.opener(urls, RtspSettings.defaults()), QUICK_IDLE);
    }

    private static SamplerSettings settings(Duration interval, int maxConcurrent, Duration timeout) {
        return new SamplerSettings(interval, maxConcurrent, timeout, Duration.ofSeconds(1));
    }

    /** JavaCPP starts one JVM-wide deallocator thread on first use; it is not the sampler's to stop. */
    private static Set<Thread> threadsWithJavaCppStarted() {
        new BytePointer(1).close();
        return Thread.getAllStackTraces().keySet();
    }

    /** Polled on awaitility's own thread, which is left out. */
    private static void awaitNoThreadBeyond(Set<Thread> baseline) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> !baseline.contains(t) && t != Thread.currentThread()).extracting(Thread::getName).isEmpty());
    }

    @Test
    void aBlackCameraIsReportedAsSignalLoss() throws Exception {
        UUID cam = UUID.randomUUID();
        List<QualityReport> reports = new CopyOnWriteArrayList<>();
        try (RtspCamera black = RtspCamera.start(RtspCamera.Options.h264().pattern("black"));
             StreamHubs hubs = hubs(k -> black.url());
             QualitySampler sampler = new QualitySampler(hubs, mainStream(), new QualityDiagnosis(QualityThresholds.DEFAULTS),
                     settings(Duration.ofSeconds(30), 4, Duration.ofSeconds(15)), (id, r) -> reports.add(r))) {
            sampler.setTargets(List.of(cam));
            sampler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !reports.isEmpty());
            assertThat(reports.get(0).faultSet()).containsExactly(Fault.SIGNAL_LOSS);
            assertThat(sampler.stats().done()).isEqualTo(1);
            // The visit unsubscribed; the hub then stops the pull after its idle timeout.
            StreamKey key = mainStream().apply(cam);
            assertThat(hubs.hub(key).subscriberCount()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> !hubs.hub(key).running());
        }
    }

    @Test
    void aLiveCameraYieldsAReportFromTwoFramesASecondApart() throws Exception {
        UUID cam = UUID.randomUUID();
        List<QualityReport> reports = new CopyOnWriteArrayList<>();
        // Every picture counts as "unchanged" and one second is "frozen": the FROZEN score then reads
        // the capture-time distance between the visit's two frames.
        QualityThresholds d = QualityThresholds.DEFAULTS;
        QualityThresholds anyPairIsFrozen = new QualityThresholds(d.signalLoss(), Duration.ofSeconds(1), 2, 255,
                d.blurEdgeWidth(), d.occlusion(), d.colourCast(), d.tooDark(), d.tooBright(), d.noiseSigma());
        try (RtspCamera live = RtspCamera.start(RtspCamera.Options.h264().pattern("snow"));
             StreamHubs hubs = hubs(k -> live.url());
             QualitySampler sampler = new QualitySampler(hubs, mainStream(), new QualityDiagnosis(anyPairIsFrozen),
                     settings(Duration.ofSeconds(30), 4, Duration.ofSeconds(15)), (id, r) -> reports.add(r))) {
            sampler.setTargets(List.of(cam));
            sampler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> !reports.isEmpty());
        }
        assertThat(reports).hasSize(1);
        QualityReport r = reports.get(0);
        assertThat(r.scores()).containsOnlyKeys(Fault.values());
        assertThat(r.faultSet()).contains(Fault.FROZEN).doesNotContain(Fault.SIGNAL_LOSS);
        assertThat(r.scores().get(Fault.FROZEN)).as("seconds between the two frames").isBetween(1.0, 1.5);
    }

    @Test
    void anUnreachableCameraTimesOutWithoutReportAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> baseline = threadsWithJavaCppStarted();
        UUID cam = UUID.randomUUID();
        List<QualityReport> reports = new CopyOnWriteArrayList<>();
        StreamKey key = mainStream().apply(cam);
        try (StreamHubs hubs = hubs(k -> "rtsp://127.0.0.1:1/cam0")) {
            QualitySampler sampler = new QualitySampler(hubs, mainStream(), new QualityDiagnosis(QualityThresholds.DEFAULTS),
                    settings(Duration.ofSeconds(60), 4, Duration.ofSeconds(2)), (id, r) -> reports.add(r));
            sampler.setTargets(List.of(cam));
            sampler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.stats().failed() == 1);
            assertThat(reports).isEmpty();
            assertThat(sampler.stats().done()).isZero();
            assertThat(sampler.stats().inFlight()).isZero();
            assertThat(hubs.hub(key).subscriberCount()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> !hubs.hub(key).running());
            sampler.close();
        }
        awaitNoThreadBeyond(baseline);
    }

    @Test
    void closeEndsRunningVisitsAndFreesEverything() throws Exception {
        Set<Thread> baseline = threadsWithJavaCppStarted();
        UUID cam = UUID.randomUUID();
        try (StreamHubs hubs = hubs(k -> "rtsp://127.0.0.1:1/cam0")) {
            QualitySampler sampler = new QualitySampler(hubs, mainStream(), new QualityDiagnosis(QualityThresholds.DEFAULTS),
                    settings(Duration.ofSeconds(60), 4, Duration.ofSeconds(30)), (id, r) -> { });
            sampler.setTargets(List.of(cam));
            sampler.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> sampler.stats().inFlight() == 1);
            long t0 = System.nanoTime();
            sampler.close();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(sampler.stats().failed()).isEqualTo(1);
            assertThat(hubs.hub(mainStream().apply(cam)).subscriberCount()).isZero();
        }
        awaitNoThreadBeyond(baseline);
    }

    @Test
    void everyCameraIsVisitedWithAtMostMaxConcurrentVisitsAtOnce() throws Exception {
        List<UUID> cams = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<UUID, QualityReport> reports = new ConcurrentHashMap<>();
        try (RtspCamera server = RtspCamera.start(RtspCamera.Options.h264().mounts(4));
             StreamHubs hubs = hubs(k -> server.url(cams.indexOf(UUID.fromString(k.cameraId()))));
             QualitySampler sampler = new QualitySampler(hubs, mainStream(), new QualityDiagnosis(QualityThresholds.DEFAULTS),
                     settings(Duration.ofSeconds(2), 1, Duration.ofSeconds(15)), reports::put)) {
            sampler.setTargets(cams);
            sampler.start();
            // Each visit takes more than its 0.5 s slot (connect + 1 s between frames), so visits queue.
            await().atMost(Duration.ofSeconds(40)).until(() -> reports.keySet().containsAll(cams));
            QualitySampler.Stats s = sampler.stats();
            assertThat(s.peakInFlight()).isEqualTo(1);
            assertThat(s.skipped()).as("turns missed while queued").isPositive();
            assertThat(s.failed()).isZero();
        }
    }
}
