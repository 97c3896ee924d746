package org.sharpeyes.analytics.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneGeneratorTest {
    private static Astronaut astronaut;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        astronaut = Astronaut.load();
    }

    @AfterAll
    static void close() {
        astronaut.close();
    }

    /** 3 s at 25 fps: 75 H.264 frames of the size asked for, a keyframe every 50, truth lines in step. */
    @Test
    void theVideoDecodesToTheFramesAndSizeAskedForWithTruthInStep() throws Exception {
        SceneGenerator.VideoSummary summary = SceneGenerator.video(dir, "street",
                new SceneGenerator.VideoSpec(320, 180, 25, 3, 4), astronaut, SceneGenerator.Progress.NONE);

        List<Integer> keyframes = new ArrayList<>();
        int frames = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(summary.video().toFile())) {
            grabber.start();
            assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
            assertThat(grabber.getImageWidth()).isEqualTo(320);
            assertThat(grabber.getImageHeight()).isEqualTo(180);
            assertThat(grabber.getFrameRate()).isEqualTo(25.0);
            for (Frame f; (f = grabber.grabImage()) != null; frames++) {
                if (f.keyFrame) {
                    keyframes.add(frames);
                }
            }
        }
        assertThat(frames).isEqualTo(75).isEqualTo(summary.frames());
        assertThat(keyframes).containsExactly(0, 50);
        for (String line : Files.readAllLines(dir.resolve("street.truth.jsonl"), StandardCharsets.UTF_8)) {
            JsonObject o = new JsonObject(line);
            assertThat(o.getInteger("frame")).isBetween(0, 74);
            assertThat(o.getLong("ptsMs")).isEqualTo(o.getInteger("frame") * 40L);
            assertThat(GroundTruth.plates(o).size() + GroundTruth.faces(o).size()).isPositive();
        }
        JsonObject tracks = new JsonObject(Files.readString(dir.resolve("street.tracks.json")));
        assertThat(tracks.getInteger("frames")).isEqualTo(75);
        assertThat(tracks.getJsonArray("quietFrames").getJsonArray(0).getInteger(0)).isZero();
    }

    /** Stills at 1080p and degraded copies at 0.65 scale, each folder with a truth line per image in step with it. */
    @Test
    void stillsComeWithTruthAndDegradedCopiesScaledWithTheirBoxes() throws Exception {
        SceneGenerator.stills(dir, 3, 9, astronaut, SceneGenerator.Progress.NONE);

        List<String> clean = Files.readAllLines(dir.resolve("stills/truth.jsonl"), StandardCharsets.UTF_8);
        List<String> degraded = Files.readAllLines(dir.resolve("stills-degraded/truth.jsonl"), StandardCharsets.UTF_8);
        assertThat(clean).hasSize(3);
        assertThat(degraded).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonObject c = new JsonObject(clean.get(i));
            JsonObject d = new JsonObject(degraded.get(i));
            assertThat(c.getString("file")).isEqualTo(d.getString("file")).isEqualTo(String.format("still-%04d.jpg", i + 1));
            try (Mat big = imread(dir.resolve("stills").resolve(c.getString("file")).toString());
                 Mat small = imread(dir.resolve("stills-degraded").resolve(d.getString("file")).toString())) {
                assertThat(big.cols()).isEqualTo(1920);
                assertThat(big.rows()).isEqualTo(1080);
                assertThat(small.cols()).isEqualTo(1248);
                assertThat(small.rows()).isEqualTo(702);
            }
            List<GroundTruth.Plate> plates = GroundTruth.plates(c);
            assertThat(plates).isNotEmpty();
            assertThat(GroundTruth.plates(d)).hasSameSizeAs(plates);
            for (int k = 0; k < plates.size(); k++) {
                GroundTruth.Plate p = plates.get(k);
                GroundTruth.Plate q = GroundTruth.plates(d).get(k);
                assertThat(q.text()).isEqualTo(p.text());
                assertThat(q.box().x()).isCloseTo((int) Math.round(p.box().x() * 0.65), org.assertj.core.api.Assertions.within(1));
                assertThat(q.box().width()).isCloseTo((int) Math.round(p.box().width() * 0.65), org.assertj.core.api.Assertions.within(1));
            }
        }
    }
}
