package org.sharpeyes.gateway.quality;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;
import static org.bytedeco.opencv.global.opencv_imgproc.medianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The per-frame scores of one decoded frame (every fault except FROZEN, which needs history),
 * plus the luma thumbnail that FROZEN compares. Stateless; every native object lives in a
 * {@link PointerScope} closed before returning.
 *
 * @param thumbnail luma at {@link #THUMB_WIDTH} pixels wide, nearest-neighbour so sensor noise is kept
 *                  (a live static scene still differs from sample to sample; a frozen one does not)
 */
record FrameMeasures(double signalLoss, double blurEdgeWidth, double occlusion, double colourCast, double meanLuma,
                     double noiseSigma, byte[] thumbnail) {
    /** Measures run on a copy at most this wide: cheap, and thresholds mean the same at any input size. */
    static final int WORK_WIDTH = 640;
    static final int THUMB_WIDTH = 320;

    private static final int GRID = 8;
    private static final double FLAT_CELL_STD = 4;
    private static final double SIGNAL_STD_SCALE = 10;
    private static final double EDGE_MIN_GRADIENT = 4;
    private static final double CAST_MIN_OFFSET = 6;
    /** Widest edge reported; also the score of a frame with no edge at all. */
    private static final double MAX_EDGE_WIDTH = 10;

    /** @param bgr 8-bit BGR (CV_8UC3), as FFmpeg/JavaCV hand decoded frames over; left untouched */
    static FrameMeasures of(Mat bgr) {
        if (bgr == null || bgr.empty() || bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("frame must be a non-empty 8-bit BGR Mat (CV_8UC3), got "
                    + (bgr == null ? "null" : bgr.empty() ? "an empty Mat" : "type " + bgr.type()));
        }
        try (PointerScope scope = new PointerScope()) {
            Mat work = bgr;
            if (bgr.cols() > WORK_WIDTH) {
                work = new Mat();
                resize(bgr, work, scaled(bgr, WORK_WIDTH), 0, 0, INTER_AREA);
            }
            Mat gray = new Mat();
            cvtColor(work, gray, COLOR_BGR2GRAY);
            Mat median = new Mat();
            medianBlur(gray, median, 3);
            int w = gray.cols();
            int h = gray.rows();
            byte[] luma = bytes(gray);
            byte[] smooth = bytes(median);

            float[] gradient = gradientMagnitude(median);
            Mat laplacian = new Mat();
            Laplacian(median, laplacian, CV_32F, 1, 1, 0, BORDER_REPLICATE);
            Mat immerkaer = new Mat();
            Mat gray32 = new Mat();
            gray.convertTo(gray32, CV_32F);
            filter2D(gray32, immerkaer, CV_32F, new Mat(3, 3, CV_32F, new FloatPointer(1, -2, 1, -2, 4, -2, 1, -2, 1)));
            Mat lab = new Mat();
            cvtColor(work, lab, COLOR_BGR2Lab);
            Mat thumb = new Mat();
            resize(gray, thumb, scaled(gray, Math.min(THUMB_WIDTH, w)), 0, 0, INTER_NEAREST);

            return new FrameMeasures(signalLoss(smooth, w, h), edgeWidth(gradient, floats(laplacian)),
                    occlusion(smooth, w, h), colourCast(bytes(lab)), mean(luma),
                    noiseSigma(gradient, floats(immerkaer), w, h), bytes(thumb));
        }
    }

    /** 1 when rows or columns are flat (uniform frame, bars); falls to 0 as both gain texture. */
    private static double signalLoss(byte[] y, int w, int h) {
        double rowStd = 0;
        for (int r = 0; r < h; r++) {
            rowStd += std(y, r * w, 1, w);
        }
        double colStd = 0;
        for (int c = 0; c < w; c++) {
            colStd += std(y, c, w, h);
        }
        double flattest = Math.min(rowStd / h, colStd / w);
        return Math.max(0, 1 - flattest / SIGNAL_STD_SCALE);
    }

    /**
     * RMS edge width: for an edge blurred by a Gaussian of σ, Σg²/Σg'² over the edge is 2σ², so the
     * ratio of gradient to Laplacian energy measures focus independent of contrast.
     */
    private static double edgeWidth(float[] gradient, float[] laplacian) {
        double g2 = 0;
        double l2 = 0;
        int edges = 0;
        for (int i = 0; i < gradient.length; i++) {
            float g = gradient[i];
            if (g >= EDGE_MIN_GRADIENT) {
                g2 += (double) g * g;
                l2 += (double) laplacian[i] * laplacian[i];
                edges++;
            }
        }
        if (edges < gradient.length / 500 || l2 == 0) {
            return MAX_EDGE_WIDTH;
        }
        return Math.min(MAX_EDGE_WIDTH, Math.sqrt(g2 / l2));
    }

    /** Fraction of GRID×GRID cells without texture, 0 when no cell has any (that is signal loss). */
    private static double occlusion(byte[] y, int w, int h) {
        int flat = 0;
        for (int gy = 0; gy < GRID; gy++) {
            for (int gx = 0; gx < GRID; gx++) {
                int x0 = gx * w / GRID;
                int x1 = (gx + 1) * w / GRID;
                int y0 = gy * h / GRID;
                int y1 = (gy + 1) * h / GRID;
                double sum = 0;
                double sq = 0;
                for (int r = y0; r < y1; r++) {
                    for (int c = x0; c < x1; c++) {
                        int v = y[r * w + c] & 0xff;
                        sum += v;
                        sq += v * v;
                    }
                }
                double n = (double) (x1 - x0) * (y1 - y0);
                double var = sq / n - (sum / n) * (sum / n);
                if (Math.sqrt(Math.max(0, var)) < FLAT_CELL_STD) {
                    flat++;
                }
            }
        }
        return flat == GRID * GRID ? 0 : flat / (double) (GRID * GRID);
    }

    /** Cast factor D/M: the mean chroma offset from neutral over the mean chroma spread. */
    private static double colourCast(byte[] lab) {
        int n = lab.length / 3;
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < lab.length; i += 3) {
            sa += (lab[i + 1] & 0xff) - 128;
            sb += (lab[i + 2] & 0xff) - 128;
        }
        double da = sa / n;
        double db = sb / n;
        double offset = Math.hypot(da, db);
        if (offset < CAST_MIN_OFFSET) {
            return 0;
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < lab.length; i += 3) {
            ma += Math.abs((lab[i + 1] & 0xff) - 128 - da);
            mb += Math.abs((lab[i + 2] & 0xff) - 128 - db);
        }
        return offset / Math.max(1, Math.hypot(ma / n, mb / n));
    }

    /**
     * Immerkær (1996): the 3×3 kernel below cancels smooth structure up to second order, so its
     * response on flat pixels is noise; σ = sqrt(π/2) / 6 · mean |response|. Only the flattest
     * quarter of the frame (by gradient of the median-filtered luma) counts, so texture is not noise;
     * that choice also favours pixels where the noise happens to be small, so the estimate reads
     * about two thirds of the true σ.
     */
    private static double noiseSigma(float[] gradient, float[] response, int w, int h) {
        float[] sorted = gradient.clone();
        Arrays.sort(sorted);
        float cut = sorted[sorted.length / 4];
        double sum = 0;
        int n = 0;
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                if (gradient[i] <= cut) {
                    sum += Math.abs(response[i]);
                    n++;
                }
            }
        }
        return n == 0 ? 0 : Math.sqrt(Math.PI / 2) / 6 * sum / n;
    }

    /** Gradient magnitude in luma levels per pixel (Sobel's gain of 8 divided out). */
    private static float[] gradientMagnitude(Mat y) {
        Mat dx = new Mat();
        Mat dy = new Mat();
        Sobel(y, dx, CV_32F, 1, 0);
        Sobel(y, dy, CV_32F, 0, 1);
        float[] gx = floats(dx);
        float[] gy = floats(dy);
        for (int i = 0; i < gx.length; i++) {
            gx[i] = (float) Math.hypot(gx[i], gy[i]) / 8;
        }
        return gx;
    }

    private static double std(byte[] y, int start, int step, int count) {
        double sum = 0;
        double sq = 0;
        for (int k = 0, i = start; k < count; k++, i += step) {
            int v = y[i] & 0xff;
            sum += v;
            sq += v * v;
        }
        double m = sum / count;
        return Math.sqrt(Math.max(0, sq / count - m * m));
    }

    private static double mean(byte[] y) {
        long sum = 0;
        for (byte b : y) {
            sum += b & 0xff;
        }
        return sum / (double) y.length;
    }

    private static Size scaled(Mat m, int width) {
        return new Size(width, Math.max(1, (int) Math.round(m.rows() * (double) width / m.cols())));
    }

    private static byte[] bytes(Mat m) {
        byte[] out = new byte[(int) (m.total() * m.channels())];
        ((ByteBuffer) m.createBuffer()).get(out);
        return out;
    }

    private static float[] floats(Mat m) {
        float[] out = new float[(int) (m.total() * m.channels())];
        ((FloatBuffer) m.createBuffer()).get(out);
        return out;
    }
}
