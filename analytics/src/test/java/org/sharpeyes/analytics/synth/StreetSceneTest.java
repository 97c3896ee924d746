package org.sharpeyes.analytics.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.plate.PlateFormat;
import org.sharpeyes.common.Box;

class StreetSceneTest {
    private static Astronaut astronaut;

    @BeforeAll
    static void load() {
        astronaut = Astronaut.load();
    }

    @AfterAll
    static void close() {
        astronaut.close();
    }

    @Test
    void theSameSeedDrawsTheSamePicturesAndTruthAndAnotherSeedDoesNot() {
        try (StreetScene a = StreetScene.video(320, 180, 30, 7, astronaut);
             StreetScene b = StreetScene.video(320, 180, 30, 7, astronaut);
             StreetScene c = StreetScene.video(320, 180, 30, 8, astronaut)) {
            List<String> truthA = new ArrayList<>();
            List<String> truthC = new ArrayList<>();
            for (double t = 0; t < 30; t += 0.5) {
                StreetScene.Frame fa = a.render(t, 99);
                truthA.add(fa.plates() + " " + fa.faces());
                try (Mat pictureA = fa.image().clone()) {
                    StreetScene.Frame fb = b.render(t, 99);
                    assertThat(fb.plates()).isEqualTo(fa.plates());
                    assertThat(fb.faces()).isEqualTo(fa.faces());
                    assertThat(meanDifference(pictureA, fb.image())).as("pixels at %s s", t).isZero();
                }
                StreetScene.Frame fc = c.render(t, 99);
                truthC.add(fc.plates() + " " + fc.faces());
            }
            assertThat(truthA).anyMatch(s -> s.contains("Plate[")).isNotEqualTo(truthC);
        }
    }

    /**
     * Every box inside the frame; one text per track; from one frame to the next, a track's box
     * (while at least half visible) stays where it was or moves by less than its own size.
     */
    @Test
    void truthBoxesStayInTheFrameAndFollowTheirTracksSmoothly() {
        int width = 640;
        int height = 360;
        Map<Integer, Box> last = new HashMap<>();
        Map<Integer, Integer> lastFrame = new HashMap<>();
        Map<Integer, String> texts = new HashMap<>();
        int boxes = 0;
        try (StreetScene scene = StreetScene.video(width, height, 40, 3, astronaut)) {
            for (int frame = 0; frame < 40 * 25; frame++) {
                StreetScene.Frame f = scene.render(frame / 25.0, frame);
                List<Object[]> seen = new ArrayList<>();
                f.plates().forEach(p -> seen.add(new Object[] {p.trackId(), p.box(), p.partial()}));
                f.faces().forEach(x -> seen.add(new Object[] {x.trackId(), x.box(), x.partial()}));
                for (GroundTruth.Plate p : f.plates()) {
                    assertThat(texts.computeIfAbsent(p.trackId(), id -> p.text())).as("text of track %d", p.trackId())
                            .isEqualTo(p.text());
                }
                for (Object[] s : seen) {
                    int track = (int) s[0];
                    Box b = (Box) s[1];
                    boxes++;
                    assertThat(b.x()).isGreaterThanOrEqualTo(0);
                    assertThat(b.y()).isGreaterThanOrEqualTo(0);
                    assertThat(b.x() + b.width()).isLessThanOrEqualTo(width);
                    assertThat(b.y() + b.height()).isLessThanOrEqualTo(height);
                    assertThat(b.width()).isPositive();
                    Box before = last.get(track);
                    if (before != null && lastFrame.get(track) == frame - 1 && !(boolean) s[2]) {
                        double dx = (b.x() + b.width() / 2.0) - (before.x() + before.width() / 2.0);
                        double dy = (b.y() + b.height() / 2.0) - (before.y() + before.height() / 2.0);
                        assertThat(b.iou(before) > 0.2 || Math.hypot(dx, dy) < Math.max(b.width(), before.width()))
                                .as("track %d at frame %d: %s after %s", track, frame, b, before).isTrue();
                    }
                    if (!(boolean) s[2]) {
                        last.put(track, b);
                        lastFrame.put(track, frame);
                    }
                }
            }
        }
        assertThat(boxes).isGreaterThan(500);
    }

    /** Plates of every format pass a two-minute street (the format deck deals all of them every dozen vehicles). */
    @Test
    void everyPlateFormatPassesInTwoMinutesWithValidNumbers() {
        Set<PlateStyle> seen = EnumSet.noneOf(PlateStyle.class);
        int faces = 0;
        try (StreetScene scene = StreetScene.video(320, 180, 120, 11, astronaut)) {
            for (int frame = 0; frame < 120 * 5; frame++) {
                StreetScene.Frame f = scene.render(frame / 5.0, frame);
                for (GroundTruth.Plate p : f.plates()) {
                    assertThat(PlateFormat.check(p.text())).as(p.text()).isInstanceOf(PlateFormat.Valid.class);
                    seen.add(p.style());
                }
                faces += f.faces().size();
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(PlateStyle.values());
        assertThat(faces).isPositive();
    }

    /**
     * The pipeline gates its detectors on motion, so the video has spells with none: no object,
     * and from one frame to the next nothing changes but the sensor noise (drawn the same here)
     * and a drift of the light: a grey level or two where rounding tips over.
     */
    @Test
    void quietSpellsHaveNoObjectsAndNoChangeFromFrameToFrame() {
        try (StreetScene scene = StreetScene.video(320, 180, 60, 5, astronaut)) {
            List<double[]> quiet = scene.quiet().stream().filter(q -> q[1] - q[0] >= 2.5).toList();
            assertThat(quiet).hasSizeGreaterThanOrEqualTo(2);
            for (double[] q : quiet) {
                for (double t = q[0]; t + 0.04 < q[1]; t += 0.5) {
                    StreetScene.Frame f = scene.render(t, 1);
                    assertThat(f.plates()).isEmpty();
                    assertThat(f.faces()).isEmpty();
                    try (Mat before = f.image().clone()) {
                        StreetScene.Frame next = scene.render(t + 0.04, 1);
                        assertThat(maxDifference(before, next.image())).as("at %s s", t).isLessThanOrEqualTo(2);
                    }
                }
            }
        }
    }

    private static double maxDifference(Mat a, Mat b) {
        try (Mat diff = new Mat(); Mat grey = new Mat()) {
            absdiff(a, b, diff);
            diff.reshape(1, 0).copyTo(grey);
            DoublePointer max = new DoublePointer(1);
            minMaxLoc(grey, null, max, null, null, null);
            return max.get();
        }
    }

    private static double meanDifference(Mat a, Mat b) {
        try (Mat diff = new Mat()) {
            absdiff(a, b, diff);
            var m = mean(diff);
            return (m.get(0) + m.get(1) + m.get(2)) / 3;
        }
    }
}
