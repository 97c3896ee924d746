package org.sharpeyes.analytics.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.common.Box;

/**
 * Finds where one camera's picture changed since the previous sampled frame, by differencing
 * grey thumbnails cell by cell. A global brightness change (clouds, auto exposure, street lights
 * coming on) is taken out before comparing, so it does not wake every detector. Moving cells
 * inside the region of interest are grown by {@code pad} cells and grouped into connected areas;
 * each area's bounding box, in frame pixels, is a region the detectors look at.
 *
 * <p>Works in arrays it keeps between frames: after the first frame of a size, a call allocates
 * only its result. Not thread-safe: one camera, one thread at a time.
 */
public final class MotionGate {
    private final MotionSettings settings;
    private final Roi roi;
    private int thumbWidth;
    private int thumbHeight;
    private int cols;
    private int rows;
    private byte[] previous;
    private byte[] current;
    private boolean primed;
    private int[] changed;
    private boolean[] inRoi;
    private boolean[] moving;
    private boolean[] grown;
    private int[] stack;

    public MotionGate(MotionSettings settings, Roi roi) {
        this.settings = settings;
        this.roi = roi;
    }

    /** A thumbnail Mat of the size this gate compares, for a frame of that size; the caller owns it. */
    public Mat thumbnail(int frameWidth, int frameHeight) {
        return new Mat(settings.height(frameWidth, frameHeight), settings.width(), CV_8UC1);
    }

    /** Forget the previous frame (a new stream, or a gap): the next call finds no motion. */
    public void reset() {
        primed = false;
    }

    /**
     * Compares a grey thumbnail (from {@link #thumbnail}) with the previous one.
     *
     * @return regions with motion in pixels of a frame {@code frameWidth}×{@code frameHeight},
     *         disjoint; empty when nothing moved (and on the first frame after a reset)
     */
    public List<Box> regions(Mat thumb, int frameWidth, int frameHeight) {
        if (thumb.type() != CV_8UC1 || !thumb.isContinuous()) {
            throw new IllegalArgumentException("motion thumbnail must be a continuous 8-bit grey Mat");
        }
        size(thumb.cols(), thumb.rows());
        thumb.data().get(current);
        byte[] swap = previous;
        previous = current;
        current = swap;
        if (!primed) {
            primed = true;
            return List.of();
        }
        // previous now holds this frame, current the one before
        if (!markMoving(previous, current)) {
            return List.of();
        }
        return areas(frameWidth, frameHeight);
    }

    private void size(int w, int h) {
        if (w == thumbWidth && h == thumbHeight) {
            return;
        }
        thumbWidth = w;
        thumbHeight = h;
        int cell = settings.cell();
        cols = (w + cell - 1) / cell;
        rows = (h + cell - 1) / cell;
        previous = new byte[w * h];
        current = new byte[w * h];
        changed = new int[cols * rows];
        moving = new boolean[cols * rows];
        grown = new boolean[cols * rows];
        stack = new int[cols * rows];
        inRoi = new boolean[cols * rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                inRoi[r * cols + c] = touchesRoi(c, r);
            }
        }
        primed = false;
    }

    /** A cell belongs to the region of interest when any of a 3×3 grid of its points does. */
    private boolean touchesRoi(int c, int r) {
        int cell = settings.cell();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double x = Math.min(thumbWidth, c * cell + cell * (0.5 * i)) / thumbWidth;
                double y = Math.min(thumbHeight, r * cell + cell * (0.5 * j)) / thumbHeight;
                if (roi.contains(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Marks cells with enough changed pixels; true when any has. */
    private boolean markMoving(byte[] now, byte[] before) {
        long sumNow = 0;
        long sumBefore = 0;
        for (int i = 0; i < now.length; i++) {
            sumNow += now[i] & 0xff;
            sumBefore += before[i] & 0xff;
        }
        int shift = (int) Math.round((double) (sumNow - sumBefore) / now.length);
        int threshold = settings.pixelThreshold();
        int cell = settings.cell();
        Arrays.fill(changed, 0);
        for (int y = 0; y < thumbHeight; y++) {
            int rowBase = (y / cell) * cols;
            int i = y * thumbWidth;
            for (int x = 0; x < thumbWidth; x++, i++) {
                int d = (now[i] & 0xff) - (before[i] & 0xff) - shift;
                if (d > threshold || d < -threshold) {
                    changed[rowBase + x / cell]++;
                }
            }
        }
        // counted against a whole cell even at the thumbnail's edge, where cells are cut short:
        // one noisy pixel must not make a two-pixel strip "moving"
        int minChanged = Math.max(2, (int) Math.ceil(settings.cellShare() * cell * cell));
        boolean any = false;
        for (int k = 0; k < moving.length; k++) {
            moving[k] = inRoi[k] && changed[k] >= minChanged;
            any |= moving[k];
        }
        return any;
    }

    /** Grows moving cells by pad, labels connected areas, returns their boxes in frame pixels. */
    private List<Box> areas(int frameWidth, int frameHeight) {
        int pad = settings.pad();
        Arrays.fill(grown, false);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (moving[r * cols + c]) {
                    for (int rr = Math.max(0, r - pad); rr <= Math.min(rows - 1, r + pad); rr++) {
                        for (int cc = Math.max(0, c - pad); cc <= Math.min(cols - 1, c + pad); cc++) {
                            grown[rr * cols + cc] = inRoi[rr * cols + cc];
                        }
                    }
                }
            }
        }
        Box bounds = roi.bounds(frameWidth, frameHeight);
        List<Box> out = new ArrayList<>();
        long area = 0;
        for (int start = 0; start < grown.length; start++) {
            if (!grown[start]) {
                continue;
            }
            int c0 = cols;
            int r0 = rows;
            int c1 = -1;
            int r1 = -1;
            int top = 0;
            stack[top++] = start;
            grown[start] = false;
            while (top > 0) {
                int k = stack[--top];
                int r = k / cols;
                int c = k % cols;
                c0 = Math.min(c0, c);
                c1 = Math.max(c1, c);
                r0 = Math.min(r0, r);
                r1 = Math.max(r1, r);
                top = push(k - cols, r > 0, top);
                top = push(k + cols, r < rows - 1, top);
                top = push(k - 1, c > 0, top);
                top = push(k + 1, c < cols - 1, top);
            }
            Box box = toFrame(c0, r0, c1, r1, frameWidth, frameHeight).intersect(bounds);
            if (box != null) {
                out.add(box);
                area += (long) box.width() * box.height();
            }
        }
        if (area > settings.wholeShare() * bounds.width() * bounds.height()) {
            return List.of(bounds);
        }
        return merged(out);
    }

    private int push(int k, boolean valid, int top) {
        if (valid && grown[k]) {
            grown[k] = false;
            stack[top++] = k;
        }
        return top;
    }

    private Box toFrame(int c0, int r0, int c1, int r1, int frameWidth, int frameHeight) {
        int cell = settings.cell();
        double sx = (double) frameWidth / thumbWidth;
        double sy = (double) frameHeight / thumbHeight;
        int x0 = (int) Math.floor(c0 * cell * sx);
        int y0 = (int) Math.floor(r0 * cell * sy);
        int x1 = (int) Math.min(frameWidth, Math.ceil(Math.min(thumbWidth, (c1 + 1) * cell) * sx));
        int y1 = (int) Math.min(frameHeight, Math.ceil(Math.min(thumbHeight, (r1 + 1) * cell) * sy));
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** Bounding boxes of separate areas may still overlap (an L beside a bar): join those, so no pixel is looked at twice. */
    static List<Box> merged(List<Box> boxes) {
        List<Box> out = new ArrayList<>(boxes);
        Box.joinOverlapping(out);
        return out;
    }
}
