package org.sharpeyes.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture itself, checked with the reference client (ffprobe). */
class RtspCameraTest {
    @Test
    void servesH265WithDigestAuthAndRefusesAWrongPassword() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().codec("h265").digest("admin", "pa55"))) {
            assertThat(ffprobe(cam.urlWithCredentials())).contains("hevc,320,240");
            assertThat(ffprobe(cam.urlWithCredentials().replace("pa55", "nope"))).contains("401");
        }
    }

    @Test
    void comesBackOnTheSamePortAfterAKill() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264())) {
            cam.kill();
            assertThat(ffprobe(cam.url())).contains("Connection refused");
            cam.start();
            assertThat(ffprobe(cam.url())).contains("h264,320,240");
        }
    }

    /** A 3 s clip read for 8 s: packets keep coming, 40 ms apart, their timestamps rising across each loop. */
    @Test
    void aLoopedFilePlaysOnPastItsEndWithTimestampsRunningOn(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.mp4");
        Process encode = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "3",
                "-c:v", "libx264", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p", clip.toString()).redirectErrorStream(true).start();
        assertThat(encode.waitFor(60, TimeUnit.SECONDS) && encode.exitValue() == 0)
                .as("ffmpeg: %s", new String(encode.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isTrue();
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().file(clip).looped().digest("admin", "pa55"))) {
            Process p = new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-read_intervals", "%+8",
                    "-select_streams", "v", "-show_entries", "packet=dts_time", "-of", "csv=p=0", cam.urlWithCredentials())
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            List<Double> dts = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> l.replace(",", "")).filter(l -> l.matches("[0-9.]+")).map(Double::valueOf).toList();
            assertThat(dts.size()).as("packets in 8 s").isGreaterThan(180);
            for (int i = 1; i < dts.size(); i++) {
                assertThat(dts.get(i) - dts.get(i - 1)).as("step after %s", dts.get(i - 1)).isCloseTo(0.04, within(0.002));
            }
        }
    }

    private static String ffprobe(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_name,width,height", "-of", "csv=p=0", url).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timeout";
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
