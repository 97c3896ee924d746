package org.sharpeyes.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
