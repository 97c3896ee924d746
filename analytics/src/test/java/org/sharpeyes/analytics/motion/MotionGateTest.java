package org.sharpeyes.analytics.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.AnalyticsSettings.Point;
import org.sharpeyes.common.Box;

class MotionGateTest {
    /** A 1280×720 frame: thumbnails are 160×90, 8 frame pixels per thumbnail pixel. */
    private static final int W = 1280;
    private static final int H = 720;

    private final MotionGate gate = new MotionGate(MotionSettings.DEFAULTS, new Roi(List.of()));
    private final Mat thumb = gate.thumbnail(W, H);

    @AfterEach
    void free() {
        thumb.close();
    }

    /** A grey thumbnail with a bright square of side s at (x, y) in thumbnail pixels, plus Gaussian noise. */
    private Mat frame(int level, int x, int y, int s, double noise, Random rnd) {
        byte[] px = new byte[thumb.cols() * thumb.rows()];
        for (int r = 0; r < thumb.rows(); r++) {
            for (int c = 0; c < thumb.cols(); c++) {
                int v = level + (c >= x && c < x + s && r >= y && r < y + s ? 120 : 0);
                v += (int) Math.round(rnd.nextGaussian() * noise);
                px[r * thumb.cols() + c] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        thumb.data().put(px);
        return thumb;
    }

    private List<Box> regions(Mat m) {
        return gate.regions(m, W, H);
    }

    @Test
    void theFirstFrameAndAnUnchangedNoisySceneHaveNoMotion() {
        Random rnd = new Random(1);
        assertThat(regions(frame(80, 20, 20, 10, 3, rnd))).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(regions(frame(80, 20, 20, 10, 3, rnd))).isEmpty();
        }
    }

    @Test
    void aBrightnessChangeOfTheWholePictureIsNoMotion() {
        Random rnd = new Random(2);
        regions(frame(60, 20, 20, 10, 2, rnd));
        assertThat(regions(frame(100, 20, 20, 10, 2, rnd))).isEmpty();
        assertThat(regions(frame(30, 20, 20, 10, 2, rnd))).isEmpty();
    }

    @Test
    void aMovingObjectGivesOneRegionCoveringItsOldAndNewPlaceInFramePixels() {
        Random rnd = new Random(3);
        regions(frame(80, 40, 30, 12, 2, rnd));
        List<Box> moved = regions(frame(80, 52, 30, 12, 2, rnd));
        assertThat(moved).hasSize(1);
        Box box = moved.get(0);
        // old place x 40..52, new 52..64, y 30..42 in thumbnail pixels; ×8 in the frame
        assertThat(box.x()).isLessThanOrEqualTo(40 * 8);
        assertThat(box.x() + box.width()).isGreaterThanOrEqualTo(64 * 8);
        assertThat(box.y()).isLessThanOrEqualTo(30 * 8);
        assertThat(box.y() + box.height()).isGreaterThanOrEqualTo(42 * 8);
        // padded by about a cell, not the whole frame
        assertThat(box.width()).isLessThan(W / 2);
    }

    @Test
    void twoObjectsFarApartGiveTwoRegions() {
        Random rnd = new Random(4);
        byte[] a = new byte[thumb.cols() * thumb.rows()];
        Arrays.fill(a, (byte) 80);
        thumb.data().put(a);
        regions(thumb);
        byte[] b = a.clone();
        for (int r = 10; r < 20; r++) {
            for (int c = 10; c < 20; c++) {
                b[r * thumb.cols() + c] = (byte) 220;
                b[(r + 60) * thumb.cols() + c + 120] = (byte) 220;
            }
        }
        thumb.data().put(b);
        assertThat(regions(thumb)).hasSize(2);
    }

    @Test
    void motionOverMostOfThePictureLooksAtTheWholeFrame() {
        Random rnd = new Random(5);
        regions(frame(80, 0, 0, 0, 2, rnd));
        assertThat(regions(frame(80, 0, 0, 90, 2, rnd))).containsExactly(new Box(0, 0, W, H));
    }

    @Test
    void motionOutsideTheRegionOfInterestIsIgnoredAndRegionsStayInsideIt() {
        // the right half only
        Roi right = new Roi(List.of(new Point(0.5, 0), new Point(1, 0), new Point(1, 1), new Point(0.5, 1)));
        MotionGate half = new MotionGate(MotionSettings.DEFAULTS, right);
        Random rnd = new Random(6);
        half.regions(frame(80, 10, 10, 12, 2, rnd), W, H);
        assertThat(half.regions(frame(80, 22, 10, 12, 2, rnd), W, H)).as("left half").isEmpty();
        half.regions(frame(80, 100, 40, 12, 2, rnd), W, H);
        List<Box> inside = half.regions(frame(80, 112, 40, 12, 2, rnd), W, H);
        assertThat(inside).hasSize(1);
        assertThat(inside.get(0).x()).isGreaterThanOrEqualTo(W / 2 - 1);
    }

    @Test
    void afterAResetTheNextFrameIsOnlyAReference() {
        Random rnd = new Random(7);
        regions(frame(80, 10, 10, 12, 2, rnd));
        gate.reset();
        assertThat(regions(frame(80, 60, 40, 12, 2, rnd))).isEmpty();
        assertThat(regions(frame(80, 60, 40, 12, 2, rnd))).isEmpty();
    }

    @Test
    void overlappingBoxesAreJoinedSoNoPixelIsLookedAtTwice() {
        List<Box> merged = MotionGate.merged(List.of(new Box(0, 0, 100, 100), new Box(90, 90, 50, 50), new Box(300, 300, 10, 10)));
        assertThat(merged).containsExactlyInAnyOrder(new Box(0, 0, 140, 140), new Box(300, 300, 10, 10));
    }
}
