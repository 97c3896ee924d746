package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.testing.Recorder;
import org.sharpeyes.gateway.testing.RtspCamera;

class RtspPullerTest {
    static final RtspSettings FAST = new RtspSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(10));

    @ParameterizedTest(name = "{0} digest={1}")
    @CsvSource({"h264,false", "h264,true", "h265,false", "h265,true"})
    void pullsKeyframeFirstPacketsWithCodecParameters(String codec, boolean digest) throws Exception {
        RtspCamera.Options opts = RtspCamera.Options.h264().codec(codec);
        if (digest) {
            opts = opts.digest("admin", "s3cret!");
        }
        try (RtspCamera cam = RtspCamera.start(opts)) {
            Recorder sink = new Recorder();
            String url = digest ? cam.urlWithCredentials() : cam.url();
            try (RtspPuller puller = RtspPuller.start("t", () -> url, FAST, sink)) {
                // 4 s of video: the rate window after the connect burst is a clean one
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.packets.size() >= 100);
                assertThat(sink.packets.get(0).keyframe()).as("FFmpeg delivers from the first keyframe").isTrue();
                assertThat(sink.streams).hasSize(1);
                assertThat(sink.streams.get(0).codec()).isEqualTo(codec.equals("h265") ? "hevc" : "h264");
                assertThat(sink.streams.get(0).width()).isEqualTo(320);
                assertThat(sink.streams.get(0).height()).isEqualTo(240);
                assertThat(sink.streams.get(0).extradata()).isNotEmpty();
                StreamStats stats = puller.stats();
                assertThat(stats.connected()).isTrue();
                assertThat(stats.codec()).isEqualTo(sink.streams.get(0).codec());
                assertThat(stats.fps()).isBetween(15.0, 35.0);
                assertThat(stats.bitrateKbps()).isPositive();
                assertThat(stats.lastError()).isNull();
                // one packet per frame (slices joined), 90 kHz timestamps one frame apart at 25 fps
                var ps = sink.packets;
                for (int i = 1; i < ps.size(); i++) {
                    assertThat(ps.get(i).dts() - ps.get(i - 1).dts()).as("dts step at %d", i).isBetween(3000L, 4500L);
                }
            }
        }
    }

    @Test
    void wrongPasswordIsAClearAuthErrorAndTheStreamStaysOffline() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().digest("admin", "right"))) {
            Recorder sink = new Recorder();
            String url = cam.urlWithCredentials().replace(":right@", ":wrong@");
            try (RtspPuller puller = RtspPuller.start("t", () -> url, FAST, sink)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> puller.stats().lastError() != null);
                StreamStats stats = puller.stats();
                assertThat(stats.connected()).isFalse();
                assertThat(stats.lastError()).startsWith("AUTH").contains("401").doesNotContain("wrong");
                assertThat(sink.packets).isEmpty();
            }
        }
    }
}
