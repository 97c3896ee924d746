package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.onnx.LeakCheck;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.common.Box;

class FaceDetectorTest {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static FaceModel model;
    private static FaceDetector detector;
    private static Astronaut astronaut;

    @BeforeAll
    static void load() {
        model = FaceModel.load(FaceModel.defaultDirectory(), FaceModel.Variant.BACK_256, 2);
        detector = new FaceDetector(model, FaceDetector.Settings.DEFAULTS);
        astronaut = Astronaut.load();
    }

    @AfterAll
    static void close() {
        astronaut.close();
        detector.close();
        model.close();
    }

    @Test
    void findsTheAstronautsFaceWithItsLandmarksInsideTheBox() {
        List<Face> faces = detector.detect(astronaut.image());

        assertThat(faces).hasSize(1);
        Face face = faces.get(0);
        assertThat(face.box().iou(Astronaut.FACE)).as("IoU of %s", face.box()).isGreaterThanOrEqualTo(0.5);
        assertThat(face.score()).isGreaterThan(0.8f);
        Box b = face.box();
        for (int k = 0; k < Face.LANDMARKS; k++) {
            assertThat(face.x(k)).as("landmark %d x", k).isBetween((float) b.x(), (float) (b.x() + b.width()));
            assertThat(face.y(k)).as("landmark %d y", k).isBetween((float) b.y(), (float) (b.y() + b.height()));
        }
        // her right eye is on the image's left; eyes above the nose above the mouth
        assertThat(face.x(Face.RIGHT_EYE)).isLessThan(face.x(Face.LEFT_EYE));
        assertThat(Math.max(face.y(Face.RIGHT_EYE), face.y(Face.LEFT_EYE))).isLessThan(face.y(Face.NOSE));
        assertThat(face.y(Face.NOSE)).isLessThan(face.y(Face.MOUTH));
    }

    /**
     * Faces of 24–40 px in 1080p frames, at random places and straddling the finest level's inner
     * edges (where no single piece of that level sees the face whole unless the overlap works).
     */
    @Test
    void findsFacesOf24To40PixelsAnywhereInA1080pFrameIncludingAcrossTileBorders() {
        List<Tiling.Tile> tiles = Tiling.plan(new Box(0, 0, WIDTH, HEIGHT), model.inputSize(), FaceDetector.Settings.DEFAULTS.minFace());
        Tiling.Tile first = tiles.get(0);
        int secondColumn = tiles.stream().filter(t -> t.scale() == first.scale()).mapToInt(Tiling.Tile::x)
                .filter(x -> x > first.x()).min().orElseThrow();
        int secondRow = tiles.stream().filter(t -> t.scale() == first.scale()).mapToInt(Tiling.Tile::y)
                .filter(y -> y > first.y()).min().orElseThrow();
        Random rnd = new Random(24);
        int placements = 0;
        int found = 0;
        int falsePositives = 0;
        List<String> misses = new ArrayList<>();
        for (FaceScenes.Background bg : FaceScenes.Background.values()) {
            for (int side = 24; side <= 40; side += 4) {
                int[][] at = {
                    {secondColumn - side / 2, secondRow - side / 2},
                    {first.x() + first.width() - side / 2, 150 + rnd.nextInt(HEIGHT - 300)},
                    {150 + rnd.nextInt(WIDTH - 300), 150 + rnd.nextInt(HEIGHT - 300)},
                };
                for (int[] xy : at) {
                    try (FaceScenes.Scene scene = FaceScenes.withFace(astronaut, bg, side, xy[0], xy[1], rnd)) {
                        List<Face> faces = detector.detect(scene.image());
                        placements++;
                        long hits = faces.stream().filter(f -> f.box().iou(scene.face()) >= 0.5).count();
                        if (hits > 0) {
                            found++;
                        } else {
                            misses.add(bg + " " + scene.face() + " got " + faces);
                        }
                        falsePositives += faces.size() - (int) Math.min(1, hits);
                    }
                }
            }
        }
        double recall = (double) found / placements;
        System.out.printf("face recall 24-40px: %d/%d = %.3f, false positives %d over %d frames; misses %s%n", found, placements,
                recall, falsePositives, placements, misses);
        assertThat(recall).as("recall, misses %s", misses).isGreaterThanOrEqualTo(0.9);
        assertThat((double) falsePositives / placements).isLessThanOrEqualTo(0.3);
    }

    @Test
    void aStillsSmallestFaceIsForA1080pPictureAndScalesDownWithASmallerOne() {
        assertThat(FaceDetector.stillMinFace(24, 1080)).isEqualTo(24);
        assertThat(FaceDetector.stillMinFace(24, 3000)).as("a large photo keeps 24 px").isEqualTo(24);
        assertThat(FaceDetector.stillMinFace(24, 720)).isEqualTo(16);
        assertThat(FaceDetector.stillMinFace(24, 702)).isEqualTo(16);
        assertThat(FaceDetector.stillMinFace(24, 360)).as("never under 16").isEqualTo(16);
        assertThat(FaceDetector.stillMinFace(12, 360)).as("nor over what is asked").isEqualTo(12);
        assertThat(FaceDetector.stillMinFace(40, 2160)).isEqualTo(40);
        assertThat(FaceDetector.stillMinFace(40, 540)).isEqualTo(20);
    }

    @Test
    void findsAtMostOneFalseFacePerThreeFramesWithoutFaces() {
        Random rnd = new Random(7);
        int frames = 0;
        int falsePositives = 0;
        long nanos = 0;
        List<String> seen = new ArrayList<>();
        for (FaceScenes.Background bg : FaceScenes.Background.values()) {
            for (int i = 0; i < 4; i++) {
                try (Mat frame = FaceScenes.background(bg, WIDTH, HEIGHT, rnd)) {
                    long start = System.nanoTime();
                    List<Face> faces = detector.detect(frame);
                    nanos += System.nanoTime() - start;
                    frames++;
                    falsePositives += faces.size();
                    faces.forEach(f -> seen.add(bg + " " + f.box() + " " + f.score()));
                }
            }
        }
        System.out.printf("faceless 1080p frames: %d false positives over %d frames, %.0f ms per frame (%d tiles)%n",
                falsePositives, frames, nanos / 1e6 / frames,
                Tiling.plan(new Box(0, 0, WIDTH, HEIGHT), model.inputSize(), FaceDetector.Settings.DEFAULTS.minFace()).size());
        assertThat((double) falsePositives / frames).as("false faces %s", seen).isLessThanOrEqualTo(0.3);
    }

    @Test
    void regionCallsKeepNativeMemoryFlatAndAllocateLittleHeap() {
        Random rnd = new Random(11);
        try (Mat frame = FaceScenes.background(FaceScenes.Background.TEXTURED, 1280, 720, rnd)) {
            astronaut.paste(frame, 40, 700, 400);
            // a car, a pedestrian, and a group spanning two finest tiles
            Box[] regions = {new Box(620, 350, 300, 200), new Box(690, 380, 100, 250), new Box(500, 300, 420, 320)};
            int[] call = {0};
            LeakCheck.assertFlat(30, 300, 16 << 10, () -> detector.detect(frame, regions[call[0]++ % regions.length]));
        }
    }

    @Test
    void aRegionYieldsOnlyTheFacesInsideItInFrameCoordinates() {
        try (TwoFaces scene = twoFaces(3)) {
            List<Face> inRight = detector.detect(scene.frame(), new Box(1300, 600, 300, 250));
            List<Face> everywhere = detector.detect(scene.frame());
            List<Face> pastTheCorner = detector.detect(scene.frame(), new Box(1800, 950, 500, 500));

            assertThat(inRight).hasSize(1);
            assertThat(inRight.get(0).box().iou(scene.right())).isGreaterThanOrEqualTo(0.5);
            assertThat(everywhere).anyMatch(f -> f.box().iou(scene.left()) >= 0.5)
                    .anyMatch(f -> f.box().iou(scene.right()) >= 0.5);
            assertThat(pastTheCorner).isEmpty();
        }
    }

    @Test
    void aroundRecentFacesFindsThoseThatMovedALittleAndNotTheOthersOfALargeRegion() {
        try (TwoFaces scene = twoFaces(5)) {
            Box region = new Box(0, 0, WIDTH, HEIGHT);
            Box leftBefore = new Box(scene.left().x() - 20, scene.left().y(), scene.left().width(), scene.left().height());

            List<Face> around = detector.detectAround(scene.frame(), region, List.of(leftBefore));
            List<Face> aroundNothing = detector.detectAround(scene.frame(), region, List.of());
            List<Face> smallRegion = detector.detectAround(scene.frame(), new Box(1300, 600, 300, 250), List.of(leftBefore));

            assertThat(around).anyMatch(f -> f.box().iou(scene.left()) >= 0.5).noneMatch(f -> f.box().iou(scene.right()) > 0);
            assertThat(aroundNothing).isEmpty();
            assertThat(smallRegion).as("a region of one tile is looked at whole").anyMatch(f -> f.box().iou(scene.right()) >= 0.5);
        }
    }

    /** A textured full-HD frame with a 36 px face on the left and one on the right. */
    private TwoFaces twoFaces(long seed) {
        Mat frame = FaceScenes.background(FaceScenes.Background.TEXTURED, WIDTH, HEIGHT, new Random(seed));
        return new TwoFaces(frame, astronaut.paste(frame, 36, 400, 300), astronaut.paste(frame, 36, 1400, 700));
    }

    private record TwoFaces(Mat frame, Box left, Box right) implements AutoCloseable {
        @Override
        public void close() {
            frame.close();
        }
    }
}
