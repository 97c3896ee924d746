package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.testing.FreezingProxy;
import org.sharpeyes.gateway.testing.HungServer;
import org.sharpeyes.gateway.testing.Recorder;
import org.sharpeyes.gateway.testing.RtspCamera;
import org.sharpeyes.gateway.testing.TsRecorder;

/** Our own RTSP client against GStreamer's RTSP server, checked by FFmpeg's decoder and ffprobe. */
class NettyRtspSourceTest {
    static final RtspSettings FAST = new RtspSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    @ParameterizedTest(name = "{0} digest={1}")
    @CsvSource({"h264,false", "h264,true", "h265,false", "h265,true"})
    void deliversDecodableAccessUnitsThatRemuxToAValidStream(String codec, boolean digest, @TempDir Path dir) throws Exception {
        RtspCamera.Options opts = RtspCamera.Options.h264().codec(codec).size(352, 288);
        if (digest) {
            opts = opts.digest("admin", "s3cret!");
        }
        try (RtspCamera cam = RtspCamera.start(opts)) {
            Recorder sink = new Recorder();
            String url = digest ? cam.urlWithCredentials() : cam.url();
            try (NettyRtspSource source = NettyRtspSource.start("t", () -> url, FAST, sink)) {
                // 4 s of video: the rate window after the connect burst is a clean one
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.packets.size() >= 100);
                StreamStats stats = source.stats();
                assertThat(stats.connected()).isTrue();
                assertThat(stats.codec()).isEqualTo(codec.equals("h265") ? "hevc" : "h264");
                assertThat(stats.fps()).isBetween(15.0, 35.0);
                assertThat(stats.bitrateKbps()).isPositive();
                assertThat(stats.lastError()).isNull();
                assertThat(stats.lastPacket()).isNotNull();
            }
            List<Packet> ps = List.copyOf(sink.packets);
            assertThat(sink.streams).hasSize(1);
            StreamInfo info = sink.streams.get(0);
            assertThat(info.codec()).isEqualTo(codec.equals("h265") ? "hevc" : "h264");
            assertThat(info.width()).as("width from the SPS").isEqualTo(352);
            assertThat(info.height()).as("height from the SPS").isEqualTo(288);
            assertThat(info.extradata()).isNotEmpty();
            assertThat(ps.get(0).keyframe()).as("delivery starts at a keyframe").isTrue();
            assertThat(ps.stream().filter(Packet::keyframe).count()).as("a keyframe each second (gop 25)").isGreaterThanOrEqualTo(3);
            for (int i = 1; i < ps.size(); i++) {
                assertThat(ps.get(i).dts() - ps.get(i - 1).dts()).as("dts step at %d (one frame at 25 fps)", i).isBetween(3000L, 4500L);
                assertThat(ps.get(i).pts()).isEqualTo(ps.get(i).dts());
            }

            AtomicInteger frames = new AtomicInteger();
            AtomicInteger wrongSize = new AtomicInteger();
            try (FrameDecoder decoder = new FrameDecoder(info)) {
                for (Packet p : ps) {
                    decoder.decode(p, (mat, pts) -> {
                        frames.incrementAndGet();
                        if (mat.cols() != 352 || mat.rows() != 288) {
                            wrongSize.incrementAndGet();
                        }
                    });
                }
            }
            assertThat(frames.get()).as("frames decoded of %d packets", ps.size()).isGreaterThanOrEqualTo(ps.size() - 2);
            assertThat(wrongSize.get()).isZero();

            Path ts = dir.resolve("relay.ts");
            try (TsRecorder recorder = new TsRecorder(ts)) {
                recorder.onStream(info);
                ps.forEach(recorder::onPacket);
                assertThat(recorder.error()).isNull();
            }
            String probe = RtspIngestTest.run("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                    "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", ts.toString());
            String[] f = probe.lines().findFirst().orElseThrow().split(",");
            assertThat(f[0]).isEqualTo(info.codec());
            assertThat(f[1]).isEqualTo("352");
            assertThat(f[2]).isEqualTo("288");
            assertThat(Integer.parseInt(f[3])).as("frames ffprobe counts in the remux").isEqualTo(ps.size());
            assertThat(RtspIngestTest.run("ffmpeg", "-v", "error", "-i", ts.toString(), "-f", "null", "-"))
                    .as("decoding errors").isEmpty();
        }
    }

    @Test
    void wrongPasswordIsAClearAuthErrorAndTheStreamStaysOffline() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().digest("admin", "right"))) {
            Recorder sink = new Recorder();
            String url = cam.urlWithCredentials().replace(":right@", ":wrong@");
            try (NettyRtspSource source = NettyRtspSource.start("t", () -> url, FAST, sink)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> source.stats().lastError() != null);
                StreamStats stats = source.stats();
                assertThat(stats.connected()).isFalse();
                assertThat(stats.lastError()).startsWith("AUTH").contains("401").doesNotContain("wrong");
                assertThat(sink.packets).isEmpty();
                assertThat(sink.streams).isEmpty();
            }
        }
    }

    @Test
    void aKilledCameraGoesOfflineWithinTheTimeoutAndComesBackByItself() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264())) {
            Recorder r = new Recorder();
            try (NettyRtspSource source = NettyRtspSource.start("t", cam::url, FAST, r)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> source.stats().connected() && !r.packets.isEmpty());
                cam.kill();
                long killed = System.nanoTime();
                await().atMost(FAST.ioTimeout().plusSeconds(1)).until(() -> !source.stats().connected());
                System.out.printf("offline after %d ms: %s%n", RtspIngestTest.ms(killed), source.stats().lastError());
                Thread.sleep(1000);
                cam.start();
                long back = System.nanoTime();
                int before = r.packets.size();
                await().atMost(Duration.ofSeconds(10)).until(() -> source.stats().connected() && r.packets.size() > before);
                System.out.printf("online after %d ms%n", RtspIngestTest.ms(back));
                StreamStats s = source.stats();
                assertThat(s.reconnects()).isEqualTo(1);
                assertThat(s.lastError()).isNull();
                assertThat(r.streams).as("subscriber told about the new connection").hasSize(2);
                assertThat(r.packets.get(before).keyframe()).as("the new connection starts at a keyframe").isTrue();
            }
        }
    }

    @Test
    void aHungServerIsATimeoutAndARefusedPortIsUnreachable() throws Exception {
        try (HungServer hung = new HungServer()) {
            Recorder a = new Recorder();
            Recorder b = new Recorder();
            long t0 = System.nanoTime();
            try (NettyRtspSource h = NettyRtspSource.start("hung", hung::url, FAST, a);
                 NettyRtspSource refused = NettyRtspSource.start("refused", () -> "rtsp://127.0.0.1:1/cam0", FAST, b)) {
                await().atMost(FAST.ioTimeout().plusSeconds(2)).until(() -> h.stats().lastError() != null);
                long ms = RtspIngestTest.ms(t0);
                assertThat(h.stats().lastError()).startsWith("TIMEOUT").contains("DESCRIBE");
                assertThat(ms).isGreaterThanOrEqualTo(FAST.ioTimeout().toMillis() - 100);
                assertThat(h.stats().connected()).isFalse();
                await().atMost(Duration.ofSeconds(5)).until(() -> refused.stats().lastError() != null);
                assertThat(refused.stats().lastError()).startsWith("UNREACHABLE").contains("refused");
            }
        }
    }

    @Test
    void aCameraThatGoesSilentMidStreamIsATimeoutAndComesBackAfterItThaws() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264()); FreezingProxy proxy = new FreezingProxy(cam.port())) {
            Recorder r = new Recorder();
            try (NettyRtspSource source = NettyRtspSource.start("t", proxy::url, FAST, r)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> r.packets.size() >= 10);
                proxy.freeze();
                long frozen = System.nanoTime();
                await().atMost(FAST.ioTimeout().plusSeconds(1)).until(() -> !source.stats().connected());
                long offlineMs = RtspIngestTest.ms(frozen);
                assertThat(offlineMs).isGreaterThanOrEqualTo(FAST.ioTimeout().toMillis() - 300);
                assertThat(source.stats().lastError()).isEqualTo("TIMEOUT: read: no data within 3000 ms");
                proxy.thaw();
                int before = r.packets.size();
                await().atMost(Duration.ofSeconds(10)).until(() -> source.stats().connected() && r.packets.size() > before + 5);
                assertThat(source.stats().reconnects()).isEqualTo(1);
                assertThat(proxy.requests("TEARDOWN")).as("a silent session is cut, not torn down").isZero();
            }
        }
    }

    @Test
    void closeTearsTheSessionDown() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264()); FreezingProxy proxy = new FreezingProxy(cam.port())) {
            Recorder r = new Recorder();
            NettyRtspSource source = NettyRtspSource.start("t", proxy::url, FAST, r);
            await().atMost(Duration.ofSeconds(15)).until(() -> r.packets.size() >= 10);
            assertThat(proxy.requests("TEARDOWN")).isZero();
            long t = System.nanoTime();
            source.close();
            long closeMs = RtspIngestTest.ms(t);
            await().atMost(Duration.ofSeconds(2)).until(() -> proxy.requests("TEARDOWN") == 1);
            assertThat(closeMs).isLessThan(1500);
            assertThat(source.stats().connected()).isFalse();
            int after = r.packets.size();
            Thread.sleep(300);
            assertThat(r.packets).as("nothing delivered after close").hasSize(after);
        }
    }
}
