package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.hub.Subscription;
import org.sharpeyes.gateway.testing.HungServer;
import org.sharpeyes.gateway.testing.Recorder;
import org.sharpeyes.gateway.testing.RtspCamera;
import org.sharpeyes.gateway.testing.TsRecorder;

/** Ingest and fan-out against real RTSP servers, checked with a third-party client where it matters. */
class RtspIngestTest {
    static StreamKey key(String id) {
        return new StreamKey(id, StreamKey.Profile.MAIN);
    }

    @Test
    void aHungOrUnreachableCameraDoesNotDelayAnotherCamerasFirstPacket() throws Exception {
        RtspSettings slowTimeout = new RtspSettings(Duration.ofSeconds(6), Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        ExecutorService pool = Executors.newCachedThreadPool();
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264()); HungServer hung = new HungServer();
             StreamHubs hubs = new StreamHubs(RtspPuller.opener(k -> switch (k.cameraId()) {
                 case "hung" -> hung.url();
                 case "refused" -> "rtsp://127.0.0.1:1/cam0";
                 default -> cam.url();
             }, slowTimeout), HubSettings.defaults())) {
            hubs.subscribe(key("hung"), new Recorder(), pool);
            hubs.subscribe(key("refused"), new Recorder(), pool);
            await().atMost(Duration.ofSeconds(5)).until(() -> hung.connections() > 0); // the hung one is stuck in its connect
            long t0 = System.nanoTime();
            Recorder good = new Recorder();
            hubs.subscribe(key("good"), good, pool);
            await().atMost(Duration.ofSeconds(20)).until(() -> !good.packets.isEmpty());
            long firstPacketMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(firstPacketMs).as("first packet of the good camera, ms").isLessThan(4000);
            await().atMost(Duration.ofSeconds(15)).until(() -> hubs.stats().get(key("hung")).lastError() != null);
            assertThat(hubs.stats().get(key("hung")).lastError()).startsWith("TIMEOUT");
            assertThat(hubs.stats().get(key("refused")).lastError()).startsWith("UNREACHABLE").contains("refused");
            assertThat(hubs.stats().get(key("good")).connected()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKilledCameraGoesOfflineAndComesBackOnlineByItself() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264());
             StreamHubs hubs = new StreamHubs(RtspPuller.opener(k -> cam.url(), RtspSettings.defaults()), HubSettings.defaults())) {
            Recorder r = new Recorder();
            hubs.subscribe(key("c"), r, pool);
            await().atMost(Duration.ofSeconds(15)).until(() -> stats(hubs).connected() && !r.packets.isEmpty());

            cam.kill();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> !stats(hubs).connected());
            System.out.printf("offline after %d ms: %s%n", ms(killed), stats(hubs).lastError());
            Thread.sleep(2000);
            cam.start();
            long back = System.nanoTime();
            int before = r.packets.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> stats(hubs).connected() && r.packets.size() > before);
            System.out.printf("online after %d ms%n", ms(back));
            StreamStats s = stats(hubs);
            assertThat(s.reconnects()).isEqualTo(1);
            assertThat(s.lastError()).isNull();
            assertThat(r.streams).as("subscriber told about the new connection").hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264", "h265"})
    void whatALiveSubscriberReceivesIsAValidStreamForFfprobe(String codec, @TempDir Path dir) throws Exception {
        ExecutorService analytics = Executors.newSingleThreadExecutor();
        ExecutorService live = Executors.newSingleThreadExecutor();
        Path ts = dir.resolve("live.ts");
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().codec(codec).size(352, 288));
             StreamHubs hubs = new StreamHubs(RtspPuller.opener(k -> cam.url(), RtspSettings.defaults()), HubSettings.defaults())) {
            Recorder first = new Recorder();
            hubs.subscribe(key("c"), first, analytics);
            await().atMost(Duration.ofSeconds(15)).until(() -> first.packets.size() > 30); // mid-GOP now
            TsRecorder recorder = new TsRecorder(ts);
            Subscription sub = hubs.subscribe(key("c"), recorder, live);
            await().atMost(Duration.ofSeconds(15)).until(() -> recorder.written() >= 60);
            sub.close();
            live.submit(recorder::close).get(5, TimeUnit.SECONDS);
            assertThat(recorder.error()).isNull();
            String probe = run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                    "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", ts.toString());
            String[] f = probe.lines().findFirst().orElseThrow().split(",");
            assertThat(f[0]).isEqualTo(codec.equals("h265") ? "hevc" : "h264");
            assertThat(f[1]).isEqualTo("352");
            assertThat(f[2]).isEqualTo("288");
            // every packet decodes to a frame: the recording started on a keyframe (from the GOP cache)
            assertThat(Integer.parseInt(f[3])).isEqualTo(recorder.written());
            String errors = run("ffmpeg", "-v", "error", "-i", ts.toString(), "-f", "null", "-");
            assertThat(errors).as("decoding errors").isEmpty();
        } finally {
            analytics.shutdownNow();
            live.shutdownNow();
        }
    }

    static StreamStats stats(StreamHubs hubs) {
        return hubs.stats().get(key("c"));
    }

    static long ms(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
