package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_LIST;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.minAreaRect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.RotatedRect;
import org.bytedeco.opencv.opencv_core.Size2f;
import org.sharpeyes.analytics.onnx.Scratch;
import org.sharpeyes.common.Box;

/**
 * PP-OCR DB-net text detection: the network gives a per-pixel text probability; regions above
 * {@link #BINARY_THRESHOLD} become minimum-area rectangles, kept when their mean probability is
 * high enough and grown back ("unclipped") by the margin the network is trained to shrink text by.
 * The scaled image, the input tensor, the probability map (the pinned output) and the mask all
 * live in the caller's {@link PlateWorkspace}.
 */
final class TextDetector {
    static final float BINARY_THRESHOLD = 0.3f;
    static final double BOX_THRESHOLD = 0.5;
    /** DB shrinks text by area·(1−r²)/perimeter with r=0.4; growing by area·1.6/perimeter restores it. */
    static final double UNCLIP_RATIO = 1.6;
    private static final int MIN_SIDE = 3;
    /** ImageNet mean/std of the R, G, B planes the network is fed. */
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final OcrModels models;
    private final int maxSide;
    private final String outputName;

    /** @param maxSide longest side a region is scaled down to before detection (a multiple of 32 is used) */
    TextDetector(OcrModels models, int maxSide) {
        if (maxSide < 32) {
            throw new IllegalArgumentException("maxSide must be >= 32, got " + maxSide);
        }
        this.models = models;
        this.maxSide = maxSide;
        this.outputName = models.detector().session().getOutputNames().iterator().next();
    }

    /**
     * Text regions inside {@code region} (within the frame, not empty) of an 8-bit BGR frame, found
     * at the region's own scale (scaled down to {@code maxSide} and to {@code maxHeight} tall), in
     * frame pixels, top to bottom.
     */
    List<TextQuad> detect(Mat bgr, Box region, int maxHeight, PlateWorkspace workspace) {
        double scale = Math.min(1.0, Math.min((double) maxSide / Math.max(region.width(), region.height()),
                (double) maxHeight / region.height()));
        int w = roundTo32(region.width() * scale);
        int h = roundTo32(region.height() * scale);
        workspace.kit().resizeRegion(bgr, region, workspace.pixels().mat(h, w, CV_8UC3), w, h, INTER_LINEAR);
        int pw = models.detector().padded(w);
        int ph = models.detector().padded(h);
        planarNormalised(workspace.pixels().bytes(w * h * 3), w, h, workspace.input().floats(3 * pw * ph), pw, ph);
        FloatBuffer prob = infer(workspace, pw, ph);
        if (pw != w) { // the map's rows, pw apart, made w apart (in place: a value only ever moves back)
            for (int y = 1; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    prob.put(y * w + x, prob.get(y * pw + x));
                }
            }
        }
        return boxes(prob, w, h, region, bgr.cols(), bgr.rows(), workspace);
    }

    /** The probability map, [1,1,h,w], written by the run into the workspace's output. */
    private FloatBuffer infer(PlateWorkspace workspace, int w, int h) {
        try {
            OnnxTensor x = workspace.input().tensor(models.env(), 1, 3, h, w);
            OnnxTensor y = workspace.output().tensor(models.env(), 1, 1, h, w);
            // the output is pinned: the run writes it in place
            models.detector().run(x, Map.of(outputName, y));
            return workspace.output().floats(w * h);
        } catch (OrtException e) {
            throw new IllegalStateException("text detection failed: " + e.getMessage(), e);
        }
    }

    /** Quads of the w×h probability map of {@code region}, mapped to frame pixels and clamped to the frame. */
    private static List<TextQuad> boxes(FloatBuffer prob, int w, int h, Box region, int frameWidth, int frameHeight,
                                        PlateWorkspace workspace) {
        Scratch pixels = workspace.pixels();
        ByteBuffer bits = pixels.bytes(w * h);
        for (int i = 0; i < w * h; i++) {
            bits.put(i, prob.get(i) > BINARY_THRESHOLD ? (byte) 255 : 0);
        }
        double sx = (double) region.width() / w;
        double sy = (double) region.height() / h;
        List<TextQuad> out = new ArrayList<>();
        MatVector contours = workspace.kit().contours;
        findContours(pixels.mat(h, w, CV_8U), contours, RETR_LIST, CHAIN_APPROX_SIMPLE);
        double[] quad = new double[8];
        for (long i = 0; i < contours.size(); i++) {
            // the vector's element, not a copy: nothing to free
            Mat contour = contours.get(i);
            if (contour.rows() < 4) {
                continue;
            }
            try (RotatedRect rect = minAreaRect(contour)) {
                Size2f size = rect.size();
                Point2f center = rect.center();
                float cx = center.x();
                float cy = center.y();
                float rw = size.width();
                float rh = size.height();
                if (Math.min(rw, rh) < MIN_SIDE) {
                    continue;
                }
                double score = meanInside(prob, w, h, corners(cx, cy, rw, rh, rect.angle(), quad));
                if (score < BOX_THRESHOLD) {
                    continue;
                }
                double grow = (double) rw * rh * UNCLIP_RATIO / (2 * ((double) rw + rh));
                float gw = (float) (rw + 2 * grow);
                float gh = (float) (rh + 2 * grow);
                if (Math.min(gw, gh) < MIN_SIDE + 2) {
                    continue;
                }
                double[] g = corners(cx, cy, gw, gh, rect.angle(), quad);
                out.add(new TextQuad(List.of(corner(g, 0, region, sx, sy, frameWidth, frameHeight),
                        corner(g, 1, region, sx, sy, frameWidth, frameHeight),
                        corner(g, 2, region, sx, sy, frameWidth, frameHeight),
                        corner(g, 3, region, sx, sy, frameWidth, frameHeight)), score));
            }
        }
        out.sort(TextQuad.TOP_TO_BOTTOM);
        return out;
    }

    /**
     * Corners of a rotated rectangle into {@code p} (8 long) as x,y pairs ordered top-left,
     * top-right, bottom-right, bottom-left, which it returns; computed in Java with
     * cv::RotatedRect::points' float arithmetic, which saves two native objects per contour.
     */
    static double[] corners(float cx, float cy, float w, float h, float degrees, double[] p) {
        float b = (float) Math.cos(degrees * Math.PI / 180) * 0.5f;
        float a = (float) Math.sin(degrees * Math.PI / 180) * 0.5f;
        float x0 = cx - a * h - b * w;
        float y0 = cy + b * h - a * w;
        float x1 = cx + a * h - b * w;
        float y1 = cy - b * h - a * w;
        p[0] = x0;
        p[1] = y0;
        p[2] = x1;
        p[3] = y1;
        p[4] = 2 * cx - x0;
        p[5] = 2 * cy - y0;
        p[6] = 2 * cx - x1;
        p[7] = 2 * cy - y1;
        // left pair and right pair by x (a stable insertion sort: equal x keep their order)
        for (int i = 1; i < 4; i++) {
            for (int j = i; j > 0 && Double.compare(p[2 * j - 2], p[2 * j]) > 0; j--) {
                swap(p, j - 1, j);
            }
        }
        // each pair by y: top-left, bottom-left, top-right, bottom-right
        if (!(p[1] <= p[3])) {
            swap(p, 0, 1);
        }
        if (!(p[5] <= p[7])) {
            swap(p, 2, 3);
        }
        // bottom-left goes last
        swap(p, 1, 2);
        swap(p, 2, 3);
        return p;
    }

    /** Swaps the i-th and j-th x,y pairs. */
    private static void swap(double[] p, int i, int j) {
        double x = p[2 * i];
        double y = p[2 * i + 1];
        p[2 * i] = p[2 * j];
        p[2 * i + 1] = p[2 * j + 1];
        p[2 * j] = x;
        p[2 * j + 1] = y;
    }

    /** The k-th corner of the probability map's quad in frame pixels, clamped to the frame. */
    private static TextQuad.Corner corner(double[] quad, int k, Box region, double sx, double sy, int frameWidth,
                                          int frameHeight) {
        return new TextQuad.Corner(clamp(region.x() + quad[2 * k] * sx, frameWidth),
                clamp(region.y() + quad[2 * k + 1] * sy, frameHeight));
    }

    /** Mean probability over the quad's pixels (scan lines inside the convex quad). */
    private static double meanInside(FloatBuffer prob, int w, int h, double[] c) {
        int y0 = (int) Math.max(0, Math.floor(Math.min(Math.min(c[1], c[3]), Math.min(c[5], c[7]))));
        int y1 = (int) Math.min(h - 1, Math.ceil(Math.max(Math.max(c[1], c[3]), Math.max(c[5], c[7]))));
        double sum = 0;
        long n = 0;
        for (int y = y0; y <= y1; y++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int e = 0; e < 4; e++) {
                double ax = c[2 * e];
                double ay = c[2 * e + 1];
                double bx = c[(2 * e + 2) % 8];
                double by = c[(2 * e + 3) % 8];
                if ((ay <= y && by >= y) || (by <= y && ay >= y)) {
                    double x = ay == by ? Math.min(ax, bx) : ax + (y - ay) * (bx - ax) / (by - ay);
                    double x2 = ay == by ? Math.max(ax, bx) : x;
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x2);
                }
            }
            for (int x = (int) Math.max(0, Math.ceil(lo)); x <= Math.min(w - 1, Math.floor(hi)); x++) {
                sum += prob.get(y * w + x);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * w×h BGR pixels to R, G, B planes of pw×ph, each normalised with its mean and std; the padding
     * right and below is 0 (the mean colour), as PaddleOCR pads a batch.
     */
    private static void planarNormalised(ByteBuffer bgr, int w, int h, FloatBuffer out, int pw, int ph) {
        int plane = pw * ph;
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                int i = y * pw + x;
                boolean inside = x < w && y < h;
                for (int c = 0; c < 3; c++) {
                    out.put(c * plane + i, inside ? ((bgr.get(3 * (y * w + x) + 2 - c) & 0xff) / 255f - MEAN[c]) / STD[c] : 0f);
                }
            }
        }
    }

    private static int roundTo32(double v) {
        return Math.max(32, (int) Math.round(v / 32) * 32);
    }

    private static double clamp(double v, double max) {
        return Math.max(0, Math.min(max - 1, v));
    }

    static void requireBgr(Mat bgr) {
        if (bgr == null || bgr.empty() || bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("image must be a non-empty 8-bit BGR Mat (CV_8UC3), got "
                    + (bgr == null ? "null" : bgr.empty() ? "an empty Mat" : "type " + bgr.type()));
        }
    }
}
