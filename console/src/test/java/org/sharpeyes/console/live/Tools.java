package org.sharpeyes.console.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The ffmpeg and ffprobe command lines the live tests check against. */
final class Tools {
    private Tools() {
    }

    /** Runs a command; its output (stdout and stderr), or an AssertionError when it fails or hangs. */
    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
        }
        return text;
    }

    /** Encodes a test pattern to MPEG-TS (Annex B with pts and dts, as a camera's packets are). */
    static Path encode(Path dir, String name, String size, double seconds, String... codecArgs) throws Exception {
        Path out = dir.resolve(name + ".ts");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + size + ":rate=25", "-t", Double.toString(seconds)));
        cmd.addAll(List.of(codecArgs));
        cmd.addAll(List.of("-f", "mpegts", out.toString()));
        run(cmd.toArray(String[]::new));
        return out;
    }

    /** ffprobe's codec_name, width, height and decoded frame count of the first video stream. */
    static String[] probe(Path file) throws Exception {
        String csv = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file.toString());
        return csv.lines().findFirst().orElseThrow().trim().split(",");
    }

    /** Decoding errors FFmpeg reports for the whole file; empty when it decodes cleanly. */
    static String decodeErrors(Path file) throws Exception {
        return run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-").trim();
    }
}
