package org.sharpeyes.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.common.HealthSample;
import org.sharpeyes.common.HealthSink;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.quality.Fault;
import org.sharpeyes.gateway.quality.QualityReport;
import org.sharpeyes.gateway.rtsp.LightProbe;
import org.sharpeyes.gateway.rtsp.ProbeSettings;
import org.sharpeyes.gateway.testing.RtspCamera;

class HealthMonitorTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private final UUID cam = UUID.randomUUID();
    private final MutableClock clock = new MutableClock(T0);
    private final List<HealthSample> stored = new ArrayList<>();
    private final List<HealthUpdate> updates = new ArrayList<>();
    private final HealthMonitor monitor = monitor(stored::add);

    private HealthMonitor monitor(HealthSink sink) {
        HealthMonitor m = new HealthMonitor(HealthSettings.DEFAULTS, sink, clock);
        m.addListener(updates::add);
        return m;
    }

    private StreamStats streaming(double fps, Instant lastPacket, Instant since) {
        return new StreamStats(true, "h264", 1920, 1080, fps, 2048, lastPacket, 1, since, null);
    }

    @Test
    void connectedStreamWithFreshPacketsIsOnlineWithItsFigures() {
        CameraHealth h = monitor.onStreamStats(cam, streaming(25, T0.minusMillis(200), T0.minusSeconds(3600)), 25);
        assertThat(h.status()).isEqualTo(CameraStatus.ONLINE);
        assertThat(h.reasons()).isEmpty();
        assertThat(h.resolution()).isEqualTo("1920x1080");
        assertThat(h.codec()).isEqualTo("h264");
        assertThat(h.uptime()).isEqualTo(Duration.ofHours(1));
        assertThat(h.reconnects()).isEqualTo(1);
        assertThat(stored).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(CameraStatus.ONLINE);
            assertThat(s.fps()).isEqualTo(25.0);
            assertThat(s.bitrateKbps()).isEqualTo(2048);
            assertThat(s.reason()).isNull();
        });
    }

    @Test
    void silentStreamTurnsOfflineWhenSampled() {
        monitor.onStreamStats(cam, streaming(25, T0, T0.minusSeconds(60)), 25);
        clock.now = T0.plusSeconds(15);
        monitor.sampleAll();
        CameraHealth h = monitor.current(cam).orElseThrow();
        assertThat(h.status()).isEqualTo(CameraStatus.OFFLINE);
        assertThat(h.reasons()).containsExactly("no packet for 15 s");
        // ONLINE (change), then OFFLINE: the change found by the periodic sample is stored once.
        assertThat(stored).extracting(HealthSample::status).containsExactly(CameraStatus.ONLINE, CameraStatus.OFFLINE);
        assertThat(stored.get(1).fps()).isNull();
    }

    @Test
    void disconnectedStreamIsOfflineWithThePullersError() {
        StreamStats down = new StreamStats(false, "h264", 1920, 1080, 0, 0, T0.minusSeconds(30), 4, null,
                "connection refused by rtsp://***@10.0.0.5/live");
        CameraHealth h = monitor.onStreamStats(cam, down, 25);
        assertThat(h.status()).isEqualTo(CameraStatus.OFFLINE);
        assertThat(h.reasons()).containsExactly("connection refused by rtsp://***@10.0.0.5/live");
        assertThat(h.uptime()).isZero();
        assertThat(stored.get(0).reconnects()).isEqualTo(4);
    }

    @Test
    void frameRateFarBelowNominalIsDegraded() {
        assertThat(monitor.onStreamStats(cam, streaming(20, T0, T0), 25).status()).isEqualTo(CameraStatus.ONLINE);
        CameraHealth h = monitor.onStreamStats(cam, streaming(8, T0, T0), 25);
        assertThat(h.status()).isEqualTo(CameraStatus.DEGRADED);
        assertThat(h.reasons()).containsExactly("frame rate 8.0 fps below 50% of nominal 25.0 fps");
    }

    @Test
    void withoutNominalTheConnectionsPeakStandsIn() {
        monitor.onStreamStats(cam, streaming(25, T0, T0), 0);
        assertThat(monitor.onStreamStats(cam, streaming(10, T0, T0), 0).status()).isEqualTo(CameraStatus.DEGRADED);
        // A new connection (new connectedSince) starts a new baseline.
        assertThat(monitor.onStreamStats(cam, streaming(10, T0, T0.plusSeconds(1)), 0).status()).isEqualTo(CameraStatus.ONLINE);
    }

    @Test
    void pictureFaultIsDegradedUntilTheDiagnosisIsStale() {
        monitor.onStreamStats(cam, streaming(25, T0, T0), 25);
        QualityReport blurred = new QualityReport(T0, Map.of(Fault.BLUR, 2.4, Fault.NOISE, 1.0),
                List.of(new QualityReport.Finding(Fault.BLUR, 2.4, 1.2, "out of focus: edge width 2.4 px >= 1.2 px")));
        CameraHealth h = monitor.onQuality(cam, blurred);
        assertThat(h.status()).isEqualTo(CameraStatus.DEGRADED);
        assertThat(h.reasons()).containsExactly("out of focus: edge width 2.4 px >= 1.2 px");
        HealthSample sample = stored.get(stored.size() - 1);
        assertThat(sample.pictureFaults()).containsExactly("BLUR");
        assertThat(sample.qualityScores()).containsEntry("BLUR", 2.4).containsEntry("NOISE", 1.0);

        clock.now = T0.plus(Duration.ofMinutes(6));
        assertThat(monitor.onStreamStats(cam, streaming(25, clock.now, T0), 25).status()).isEqualTo(CameraStatus.ONLINE);
    }

    @Test
    void listenersSeeEveryUpdateAndStorageEveryChange() {
        monitor.onStreamStats(cam, streaming(25, T0, T0), 25);
        monitor.onStreamStats(cam, streaming(24, T0, T0), 25);
        monitor.onStreamStats(cam, streaming(25, T0, T0), 25);
        assertThat(updates).hasSize(3);
        assertThat(updates.get(0).previous()).isNull();
        assertThat(updates).extracting(HealthUpdate::changed).containsExactly(true, false, false);
        assertThat(stored).hasSize(1);
        monitor.sampleAll();
        assertThat(stored).hasSize(2);
        monitor.forget(cam);
        monitor.sampleAll();
        assertThat(stored).hasSize(2);
        assertThat(monitor.all()).isEmpty();
    }

    @Test
    void aFullSinkIsCountedNotWaitedFor() {
        HealthMonitor full = monitor(s -> false);
        full.onStreamStats(cam, streaming(25, T0, T0), 25);
        full.sampleAll();
        assertThat(full.refusedSamples()).isEqualTo(2);
    }

    @Test
    void probedCameraFollowsTheRealCamera() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ProbeSettings settings = new ProbeSettings(Duration.ofSeconds(60), 10, Duration.ofSeconds(2), Duration.ofSeconds(3), true);
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.h264().digest("admin", "pw"));
             LightProbe probe = new LightProbe(group, settings)) {
            CameraHealth up = monitor.onProbe(cam, probe.probe(camera.url(), "admin", "pw").get(15, TimeUnit.SECONDS));
            assertThat(up.status()).isEqualTo(CameraStatus.ONLINE);
            assertThat(up.source()).isEqualTo(CameraHealth.Source.PROBE);
            assertThat(up.codec()).isEqualTo("H264");

            CameraHealth refused = monitor.onProbe(cam, probe.probe(camera.url(), "admin", "nope").get(15, TimeUnit.SECONDS));
            assertThat(refused.status()).isEqualTo(CameraStatus.OFFLINE);
            assertThat(refused.reasons()).singleElement().asString().startsWith("probe: credentials refused");

            camera.kill();
            CameraHealth gone = monitor.onProbe(cam, probe.probe(camera.url(), "admin", "pw").get(15, TimeUnit.SECONDS));
            assertThat(gone.status()).isEqualTo(CameraStatus.OFFLINE);
            assertThat(gone.reasons()).singleElement().asString().startsWith("probe: cannot connect");
            assertThat(stored).extracting(HealthSample::status).containsExactly(CameraStatus.ONLINE, CameraStatus.OFFLINE);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
