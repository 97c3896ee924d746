package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_core.BORDER_DEFAULT;
import static org.bytedeco.opencv.global.opencv_core.CV_16S;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.convertScaleAbs;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_MAX;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.common.Box;

/**
 * Where in a region a plate may be, found without a network (the vertical-edge step of EasyPR):
 * a plate's characters make dense vertical edges in a short, wide band, whatever its colours.
 * The region is scaled to at most {@link #WORK_WIDTH} frame-widths, its horizontal gradient
 * thresholded (Otsu, with a floor so flat areas stay empty), and closed with a wide, flat kernel so
 * the strokes of one plate join into one blob; blobs of plate size and shape become windows, grown
 * by a margin so the whole plate lies inside even when the blob misses an end character; a window
 * mostly inside a larger one is dropped. Windows may reach a little past the region (never past
 * the frame). Text detection then runs on these windows instead of the region.
 */
final class PlateCandidates {
    /** The frame is searched at most this many pixels wide (720p at half scale). */
    static final int WORK_WIDTH = 640;
    /** Least gradient (Sobel-x magnitude, 0-255) that counts as an edge however flat the region. */
    static final double MIN_EDGE = 64;
    /** Closing kernel, working pixels: wide enough to bridge character gaps, flat to keep lines apart. */
    static final int CLOSE_WIDTH = 9;
    static final int CLOSE_HEIGHT = 3;
    /** Blob sizes, working pixels: below, too small to read; above, larger than a plate at this scale. */
    static final int MIN_WIDTH = 16;
    static final int MIN_HEIGHT = 5;
    static final int MAX_WIDTH = 128;
    static final int MAX_HEIGHT = 48;
    /** Share of its bounding box's pixels a blob covers: a plate's nearly all, a slanted kerb line's few. */
    static final double MIN_FILL = 0.35;
    /** Blob width/height: a two-line plate's characters are about 1.5, a single line up to about 7. */
    static final double MIN_ASPECT = 1.2;
    static final double MAX_ASPECT = 8;
    /** A two-line plate (440×220 mm) is about 2 wide to 1 high. */
    static final double MAX_TWO_LINE_ASPECT = 2.5;
    /**
     * Window margin around a blob, as shares of its width (each side) and height (below, and
     * above: a two-line plate's serial makes its own blob, and its upper line sits above it).
     */
    static final double MARGIN_X = 0.3;
    static final double MARGIN_DOWN = 0.6;
    static final double MARGIN_UP = 1.2;
    /**
     * A near two-line plate seen whole at half scale (its two lines closed into one blob, or into
     * two overlapping parts when its glyphs stand far apart): taller than a blob above may be,
     * and grown by a small margin on every side, as nothing of it lies outside the blob.
     */
    static final int WHOLE_MAX_HEIGHT = 64;
    static final int WHOLE_MIN_HEIGHT = 24;
    static final double WHOLE_MARGIN = 0.15;
    /** Tall blobs of one region joined in pairs to find a whole plate: a few at most in any picture. */
    static final int MAX_TALL_BLOBS = 16;
    /** Text detection's input sides are multiples of this. */
    static final int DETECTOR_STRIDE = 32;
    /** At most this many windows per region, the widest first (clutter must not cost unbounded). */
    static final int MAX_WINDOWS = 6;

    private static final Comparator<Box> WIDEST_FIRST = Comparator.comparingInt(Box::width).reversed();

    private PlateCandidates() {
    }

    /** Windows, in frame pixels, over {@code region} (within the frame, not empty) of an 8-bit BGR frame, widest first. */
    static List<Box> find(Mat bgr, Box region, PlateWorkspace workspace) {
        double scale = Math.min(1.0, (double) WORK_WIDTH / bgr.cols());
        List<Box> blobs = new ArrayList<>();
        blobs(bgr, region, scale, MIN_WIDTH, MAX_ASPECT, Integer.MAX_VALUE, false, workspace, blobs);
        // at half that scale the closing bridges twice the gap: a near two-line plate, whose
        // characters stand too far apart to join above (only blobs of its shape, too wide for a
        // small plate), and a near car's plate of any shape, too wide for a blob above
        blobs(bgr, region, scale / 2, 2 * MIN_WIDTH, MAX_TWO_LINE_ASPECT, MAX_WIDTH / 2 + 1, true, workspace, blobs);
        blobs.sort(WIDEST_FIRST);
        return merged(blobs.subList(0, Math.min(MAX_WINDOWS, blobs.size())));
    }

    /**
     * Windows over the plate-shaped blobs of the region scaled by {@code scale}, at least
     * {@code minWidth} scaled pixels wide, and wider than {@code maxAspect} only from {@code wideFrom} wide;
     * with {@code wholePlates}, also over whole two-line plates ({@link #WHOLE_MAX_HEIGHT}).
     */
    private static void blobs(Mat bgr, Box region, double scale, int minWidth, double maxAspect, int wideFrom,
                              boolean wholePlates, PlateWorkspace workspace, List<Box> out) {
        int w = Math.max(1, (int) Math.round(region.width() * scale));
        int h = Math.max(1, (int) Math.round(region.height() * scale));
        if (w < minWidth || h < MIN_HEIGHT) {
            return;
        }
        PlateKit kit = workspace.kit();
        kit.resizeRegion(bgr, region, kit.small, w, h, INTER_AREA);
        cvtColor(kit.small, kit.grey, COLOR_BGR2GRAY);
        Sobel(kit.grey, kit.gradient, CV_16S, 1, 0, 3, 1, 0, BORDER_DEFAULT);
        convertScaleAbs(kit.gradient, kit.grey);
        Mat mask = kit.mask;
        if (threshold(kit.grey, mask, 0, 255, THRESH_BINARY | THRESH_OTSU) < MIN_EDGE) {
            threshold(kit.grey, mask, MIN_EDGE, 255, THRESH_BINARY);
        }
        morphologyEx(mask, mask, MORPH_CLOSE, kit.closeKernel);
        morphologyEx(mask, mask, MORPH_OPEN, kit.openKernel);
        // one native call for every blob's box and pixel count: no Java object per blob
        int n = connectedComponentsWithStats(mask, kit.labels, kit.stats, kit.centroids, 8, CV_32S);
        kit.readStats(n * CC_STAT_MAX);
        int[] tall = kit.tallBlobs; // x, y, width, height, area of each tall blob, for whole plates
        int talls = 0;
        for (int i = 1; i < n; i++) { // 0 is the background
            int bx = kit.stat(i * CC_STAT_MAX + CC_STAT_LEFT);
            int by = kit.stat(i * CC_STAT_MAX + CC_STAT_TOP);
            int bw = kit.stat(i * CC_STAT_MAX + CC_STAT_WIDTH);
            int bh = kit.stat(i * CC_STAT_MAX + CC_STAT_HEIGHT);
            int area = kit.stat(i * CC_STAT_MAX + CC_STAT_AREA);
            double aspect = (double) bw / bh;
            if (bw >= minWidth && bh >= MIN_HEIGHT && bw <= MAX_WIDTH && bh <= MAX_HEIGHT && aspect >= MIN_ASPECT
                    && (aspect <= maxAspect || bw >= wideFrom && aspect <= MAX_ASPECT) && area >= MIN_FILL * bw * bh) {
                out.add(window(bx, by, bw, bh, MARGIN_X * bw, MARGIN_UP * bh, MARGIN_DOWN * bh, scale, region,
                        bgr.cols(), bgr.rows()));
            }
            if (wholePlates && bh >= WHOLE_MIN_HEIGHT && bh <= WHOLE_MAX_HEIGHT && talls < MAX_TALL_BLOBS) {
                int k = 5 * talls++;
                tall[k] = bx;
                tall[k + 1] = by;
                tall[k + 2] = bw;
                tall[k + 3] = bh;
                tall[k + 4] = area;
            }
        }
        for (int a = 0; a < talls; a++) {
            for (int b = a; b < talls; b++) { // a blob alone, and each overlapping pair joined
                wholePlate(tall, a, b, scale, region, bgr, out);
            }
        }
    }

    /** A window over tall blobs a and b (the same, or overlapping) of a region at {@code scale}, when together they are shaped like a whole two-line plate. */
    private static void wholePlate(int[] tall, int a, int b, double scale, Box region, Mat bgr, List<Box> out) {
        int ax = tall[5 * a];
        int ay = tall[5 * a + 1];
        int bx = tall[5 * b];
        int by = tall[5 * b + 1];
        int x0 = Math.min(ax, bx);
        int y0 = Math.min(ay, by);
        int x1 = Math.max(ax + tall[5 * a + 2], bx + tall[5 * b + 2]);
        int y1 = Math.max(ay + tall[5 * a + 3], by + tall[5 * b + 3]);
        boolean overlap = a == b || Math.max(ax, bx) < Math.min(ax + tall[5 * a + 2], bx + tall[5 * b + 2])
                && Math.max(ay, by) < Math.min(ay + tall[5 * a + 3], by + tall[5 * b + 3]);
        int w = x1 - x0;
        int h = y1 - y0;
        double aspect = (double) w / h;
        int area = tall[5 * a + 4] + (a == b ? 0 : tall[5 * b + 4]);
        if (overlap && h <= WHOLE_MAX_HEIGHT && w <= MAX_WIDTH && aspect >= MIN_ASPECT && aspect <= MAX_TWO_LINE_ASPECT
                && area >= MIN_FILL * w * h) {
            out.add(window(x0, y0, w, h, WHOLE_MARGIN * w, WHOLE_MARGIN * h, WHOLE_MARGIN * h, scale, region,
                    bgr.cols(), bgr.rows()));
        }
    }

    /**
     * A blob of the scaled region as a window of the frame: grown by the margins, then to whole
     * multiples of {@link #DETECTOR_STRIDE} about its centre (text detection would otherwise
     * stretch a small window to them, and squashed text is found worse), kept inside the frame.
     */
    private static Box window(int bx, int by, int bw, int bh, double mx, double up, double down, double scale, Box region,
                              int frameWidth, int frameHeight) {
        double x0 = region.x() + (bx - mx) / scale;
        double y0 = region.y() + (by - up) / scale;
        double x1 = region.x() + (bx + bw + mx) / scale;
        double y1 = region.y() + (by + bh + down) / scale;
        int width = spanLength(x0, x1, frameWidth);
        int height = spanLength(y0, y1, frameHeight);
        return new Box(spanStart(x0, x1, width, frameWidth), spanStart(y0, y1, height, frameHeight), width, height);
    }

    /** Length of [lo, hi) grown to a multiple of the stride, at most {@code limit}. */
    private static int spanLength(double lo, double hi, int limit) {
        return Math.min(limit, (int) Math.ceil((hi - lo) / DETECTOR_STRIDE) * DETECTOR_STRIDE);
    }

    /** Start of that length about the centre of [lo, hi), shifted inside [0, limit). */
    private static int spanStart(double lo, double hi, int length, int limit) {
        int start = (int) Math.round((lo + hi - length) / 2);
        return Math.max(0, Math.min(limit - length, start));
    }

    /** Windows lying mostly inside a larger one are dropped: the larger one's detection sees their plate. */
    static List<Box> merged(List<Box> boxes) {
        List<Box> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) { // widest first
            if (!mostlyInsideAny(boxes.get(i), out)) {
                out.add(boxes.get(i));
            }
        }
        return out;
    }

    private static boolean mostlyInsideAny(Box b, List<Box> larger) {
        for (int i = 0; i < larger.size(); i++) {
            if (inside(b, larger.get(i)) >= 0.8) {
                return true;
            }
        }
        return false;
    }

    /** Share of {@code b}'s area inside {@code a}. */
    private static double inside(Box b, Box a) {
        return (double) b.intersection(a) / Math.max(1L, b.area());
    }
}
