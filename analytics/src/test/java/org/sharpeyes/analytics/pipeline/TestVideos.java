package org.sharpeyes.analytics.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short H.264 test videos made by Debian's ffmpeg from lavfi sources (./sharpeyes test installs it). */
public final class TestVideos {
    private TestVideos() {
    }

    /** 640×360 grey, 25 fps, with a white 60×40 box moving right at 100 px/s. */
    public static final String MOVING_BOX = "color=c=0x606060:s=640x360:r=25:d=%d[bg];color=c=white:s=60x40:r=25[box];"
            + "[bg][box]overlay=x='40+t*100':y=150:eval=frame:shortest=1";
    /** 640×360, 25 fps, nothing moves. */
    public static final String STILL = "color=c=0x606060:s=640x360:r=25:d=%d,drawbox=x=100:y=100:w=60:h=40:color=white:t=fill";

    /**
     * 1280×720, 25 fps: a blue plate reading 渝A·12345 in Noto Sans CJK (fonts-noto-cjk) drifting
     * right and down across a grey street.
     */
    public static final String PLATE = "color=c=0x707070:s=1280x720:r=25:d=%d[bg];color=c=0x1048BE:s=250x76:r=25,"
            + "drawtext=fontfile=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc:text='渝A·12345':fontsize=44"
            + ":fontcolor=white:x=(w-tw)/2:y=(h-th)/2-4[plate];[bg][plate]overlay=x='100+t*120':y='300+t*20':eval=frame:shortest=1";

    /** Encodes {@code seconds} of the lavfi source with libx264 and the extra encoder options. */
    public static Path encode(Path dir, String name, String source, int seconds, String... x264) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", String.format(source, seconds),
                "-c:v", "libx264", "-pix_fmt", "yuv420p"));
        cmd.addAll(List.of(x264));
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg failed (apt-get install ffmpeg): " + output);
        }
        return out;
    }
}
