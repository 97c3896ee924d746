package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.onnx.Scratch;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.PlateColor;

/**
 * Background colour of a plate crop from its HSV pixel counts: the plate background covers most
 * of a crop around the characters, so the most frequent colour class wins. Saturated hues decide
 * first (blue, yellow, green including the green-to-white gradient of new-energy plates); a crop
 * with too few saturated pixels is white or black by which of the two dominates; last, a crop
 * mostly of pale orange is a white plate in the warm light of dusk. A monochrome frame (a camera's
 * infrared night mode) has no plate colours at all: {@link #monochrome} tells it apart.
 */
final class PlateColorClassifier {
    /** Share of pixels a saturated class needs to be the background. */
    static final double MIN_HUE_SHARE = 0.25;
    /** Share white or black needs. */
    static final double MIN_NEUTRAL_SHARE = 0.3;
    private static final int MIN_SATURATION = 70;
    private static final int MIN_VALUE = 70;
    private static final int WHITE_MAX_SATURATION = 50;
    private static final int WHITE_MIN_VALUE = 150;
    /**
     * White under warm light (dusk): pale orange, far less saturated than a yellow plate (~220
     * even at dusk); only decides when no class above reached its share. Measured on the dusk
     * stills: hue up to 18, saturation 52-78. Yellowish text at saturation 100-140 (seen in the
     * street video, none of it a plate) stays UNKNOWN.
     */
    private static final int WARM_WHITE_MAX_SATURATION = 100;
    private static final int WARM_WHITE_MAX_HUE = 20;
    /** Share of pale orange a warm white plate needs: 0.53-0.61 of a dusk plate's text quad, 0.31-0.42 of the street video's yellowish non-plates. */
    static final double MIN_WARM_WHITE_SHARE = 0.5;
    private static final int WARM_WHITE_MIN_VALUE = 90;
    /** The grid a frame is sampled on (nearest pixel) to tell whether it has colour. */
    private static final int GRID_COLS = 160;
    private static final int GRID_ROWS = 90;
    /**
     * A sample is coloured where two of its channels differ by more than this. A grey picture
     * through JPEG or H.264 keeps its channels within a few levels of each other.
     */
    private static final int MIN_CHROMA = 16;
    /** Share of coloured samples under which a frame is monochrome. */
    static final double MAX_MONOCHROME_SHARE = 0.01;

    private PlateColorClassifier() {
    }

    /**
     * @param bgr     8-bit BGR crop of a plate (or of its characters with some margin)
     * @param scratch where the HSV pixels go
     */
    static PlateColor classify(Mat bgr, Scratch scratch) {
        cvtColor(bgr, scratch.mat(bgr.rows(), bgr.cols(), CV_8UC3), COLOR_BGR2HSV);
        ByteBuffer hsv = scratch.bytes(bgr.rows() * bgr.cols() * 3);
        int blue = 0;
        int yellow = 0;
        int green = 0;
        int white = 0;
        int black = 0;
        int warmWhite = 0;
        for (int i = 0; i < hsv.limit(); i += 3) {
            int h = hsv.get(i) & 0xff;
            int s = hsv.get(i + 1) & 0xff;
            int v = hsv.get(i + 2) & 0xff;
            if (v < MIN_VALUE) {
                black++;
                continue;
            }
            if (s > WHITE_MAX_SATURATION && s <= WARM_WHITE_MAX_SATURATION && v >= WARM_WHITE_MIN_VALUE
                    && (h <= WARM_WHITE_MAX_HUE || h >= 170)) {
                warmWhite++;
            }
            if (s >= MIN_SATURATION) {
                // OpenCV hue is degrees / 2
                if (h >= 95 && h <= 130) {
                    blue++;
                } else if (h >= 15 && h <= 34) {
                    yellow++;
                } else if (h >= 35 && h <= 90) {
                    green++;
                }
            } else if (s <= WHITE_MAX_SATURATION && v >= WHITE_MIN_VALUE) {
                white++;
            }
        }
        double n = hsv.limit() / 3.0;
        int hue = Math.max(blue, Math.max(yellow, green));
        if (hue / n >= MIN_HUE_SHARE) {
            return hue == blue ? PlateColor.BLUE : hue == yellow ? PlateColor.YELLOW : PlateColor.GREEN;
        }
        if (white >= black && white / n >= MIN_NEUTRAL_SHARE) {
            return PlateColor.WHITE;
        }
        if (black > white && black / n >= MIN_NEUTRAL_SHARE) {
            return PlateColor.BLACK;
        }
        if (warmWhite / n >= MIN_WARM_WHITE_SHARE) {
            return PlateColor.WHITE;
        }
        return PlateColor.UNKNOWN;
    }

    /**
     * Whether the whole 8-bit BGR frame is grey (an infrared night picture): then no crop of it has
     * a plate colour, and plates are told from other text by shape and format alone.
     */
    static boolean monochrome(Mat bgr, PlateWorkspace workspace) {
        int cols = Math.min(GRID_COLS, bgr.cols());
        int rows = Math.min(GRID_ROWS, bgr.rows());
        Mat grid = workspace.pixels().mat(rows, cols, CV_8UC3);
        workspace.kit().resizeRegion(bgr, new Box(0, 0, bgr.cols(), bgr.rows()), grid, cols, rows, INTER_NEAREST);
        ByteBuffer pixels = workspace.pixels().bytes(rows * cols * 3);
        int coloured = 0;
        for (int i = 0; i < pixels.limit(); i += 3) {
            int b = pixels.get(i) & 0xff;
            int g = pixels.get(i + 1) & 0xff;
            int r = pixels.get(i + 2) & 0xff;
            if (Math.max(b, Math.max(g, r)) - Math.min(b, Math.min(g, r)) > MIN_CHROMA) {
                coloured++;
            }
        }
        return coloured < MAX_MONOCHROME_SHARE * rows * cols;
    }
}
