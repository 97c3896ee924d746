package org.sharpeyes.gateway.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.gateway.testing.HungServer;
import org.sharpeyes.gateway.testing.RtspCamera;

class ProbeCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result probe(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProbeCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void describesAnH265StreamWithDigestAuthAndMasksTheCredentials() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().codec("h265").digest("admin", "pa55"))) {
            Result r = probe(cam.urlWithCredentials(), "--seconds", "3");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines()).hasSize(1);
            JsonObject o = new JsonObject(r.out());
            assertThat(o.getString("url")).isEqualTo("rtsp://***@127.0.0.1:" + cam.port() + "/cam0");
            assertThat(r.out()).doesNotContain("pa55");
            assertThat(o.getString("status")).isEqualTo("ONLINE");
            assertThat(o.getString("codec")).isEqualTo("hevc");
            assertThat(o.getInteger("width")).isEqualTo(320);
            assertThat(o.getInteger("height")).isEqualTo(240);
            assertThat(o.getDouble("fps")).isBetween(23.0, 27.0);
            assertThat(o.getDouble("bitrate_kbps")).isPositive();
            assertThat(o.getDouble("keyframe_interval")).isBetween(20.0, 30.0); // the camera's GOP is 25
            assertThat(o.getLong("first_packet_ms")).isBetween(1L, 10_000L);
            JsonObject q = o.getJsonObject("quality");
            assertThat(q.getInteger("frames_diagnosed")).isGreaterThanOrEqualTo(2);
            assertThat(q.getJsonObject("scores").fieldNames()).contains("SIGNAL_LOSS", "FROZEN", "BLUR", "OCCLUSION",
                    "COLOUR_CAST", "TOO_DARK", "TOO_BRIGHT", "NOISE");
        }
    }

    @Test
    void diagnosesABlackPictureAsSignalLoss() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().pattern("black"))) {
            Result r = probe(cam.url(), "--seconds", "2");
            assertThat(r.code()).as(r.err()).isZero();
            JsonObject q = new JsonObject(r.out()).getJsonObject("quality");
            assertThat(q.getBoolean("ok")).isFalse();
            assertThat(q.getJsonArray("faults").getJsonObject(0).getString("fault")).isEqualTo("SIGNAL_LOSS");
        }
    }

    @Test
    void wrongPasswordExitsNonZeroWithOneLineNamingTheReason() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().digest("admin", "pa55"))) {
            Result r = probe(cam.urlWithCredentials().replace("pa55", "guess"), "--seconds", "1");
            assertThat(r.code()).isEqualTo(ProbeCommand.EXIT_STREAM_ERROR);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).contains("AUTH").contains("401").doesNotContain("guess");
        }
    }

    @Test
    void unreachableAndHungCamerasExitNonZeroWithTheReason() throws Exception {
        Result refused = probe("rtsp://127.0.0.1:1/x");
        assertThat(refused.code()).isEqualTo(ProbeCommand.EXIT_STREAM_ERROR);
        assertThat(refused.err()).contains("UNREACHABLE").contains("refused");
        try (HungServer hung = new HungServer()) {
            Result timeout = probe(hung.url(), "--seconds", "1");
            assertThat(timeout.code()).isEqualTo(ProbeCommand.EXIT_STREAM_ERROR);
            assertThat(timeout.err()).contains("TIMEOUT");
        }
    }

    @Test
    void badArgumentsAreUsageErrorsNamingTheArgument() {
        assertThat(probe().err()).contains("RTSP_URL missing");
        assertThat(probe("http://x/").err()).contains("not an rtsp:// URL");
        Result r = probe("rtsp://u:p@h/x", "--seconds", "zero");
        assertThat(r.code()).isEqualTo(ProbeCommand.EXIT_USAGE);
        assertThat(r.err()).contains("--seconds").contains("'zero'");
        assertThat(probe("rtsp://h/x", "--seconds", "0").code()).isEqualTo(ProbeCommand.EXIT_USAGE);
    }
}
