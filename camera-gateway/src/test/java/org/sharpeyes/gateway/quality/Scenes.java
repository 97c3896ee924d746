package org.sharpeyes.gateway.quality;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.randn;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Synthetic street-like frames drawn with OpenCV, and the faults applied to them. Callers free the Mats. */
final class Scenes {
    static final int W = 640;
    static final int H = 360;

    private Scenes() {
    }

    /** A sharp, well-exposed, neutral, noise-free scene: gradient background, textured shapes, text. */
    static Mat clean(long seed) {
        Random rnd = new Random(seed);
        Mat m = new Mat(H, W, CV_8UC3);
        ByteBuffer px = m.createBuffer();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = 70 + x * 90 / W + y * 40 / H;
                int i = (y * W + x) * 3;
                px.put(i, (byte) (v + 6)).put(i + 1, (byte) v).put(i + 2, (byte) (v - 4));
            }
        }
        for (int k = 0; k < 90; k++) {
            Scalar colour = new Scalar(30 + rnd.nextInt(200), 30 + rnd.nextInt(200), 30 + rnd.nextInt(200), 0);
            int x = rnd.nextInt(W);
            int y = rnd.nextInt(H);
            switch (k % 3) {
                case 0 -> rectangle(m, new Rect(x, y, 10 + rnd.nextInt(50), 10 + rnd.nextInt(40)), colour, FILLED, 8, 0);
                case 1 -> circle(m, new Point(x, y), 5 + rnd.nextInt(25), colour, FILLED, 8, 0);
                default -> line(m, new Point(x, y), new Point(rnd.nextInt(W), rnd.nextInt(H)), colour, 1 + rnd.nextInt(3), 8, 0);
            }
        }
        for (int k = 0; k < 6; k++) {
            checker(m, rnd.nextInt(W - 80), rnd.nextInt(H - 60), 80, 60, 2 + rnd.nextInt(6));
        }
        putText(m, "SHARP EYES 2025-06-01 12:00:00", new Point(20, 30), FONT_HERSHEY_SIMPLEX, 0.8,
                new Scalar(240, 240, 240, 0), 2, 8, false);
        return m;
    }

    private static void checker(Mat m, int x0, int y0, int w, int h, int cell) {
        for (int y = 0; y < h; y += cell) {
            for (int x = 0; x < w; x += cell) {
                int v = ((x / cell + y / cell) % 2 == 0) ? 40 : 210;
                rectangle(m, new Rect(x0 + x, y0 + y, cell, cell), new Scalar(v, v, v, 0), FILLED, 8, 0);
            }
        }
    }

    static Mat blurred(Mat scene, double sigma) {
        Mat out = new Mat();
        GaussianBlur(scene, out, new Size(0, 0), sigma);
        return out;
    }

    static Mat noisy(Mat scene, double sigma, long seed) {
        opencv_core.setRNGSeed((int) seed);
        Mat noise = new Mat(scene.size(), opencv_core.CV_16SC3);
        randn(noise, new Mat(1, 1, opencv_core.CV_64F, new Scalar(0)), new Mat(1, 1, opencv_core.CV_64F, new Scalar(sigma)));
        Mat wide = new Mat();
        scene.convertTo(wide, opencv_core.CV_16SC3);
        add(wide, noise, wide);
        Mat out = new Mat();
        wide.convertTo(out, CV_8UC3);
        return out;
    }

    /** Per-channel gain and offset: a tint when they differ by channel, darker or brighter when alike. */
    static Mat adjusted(Mat scene, double gainB, double gainG, double gainR, double offset) {
        Mat out = new Mat(scene.size(), CV_8UC3);
        ByteBuffer in = scene.createBuffer();
        ByteBuffer to = out.createBuffer();
        double[] gain = {gainB, gainG, gainR};
        for (int i = 0; i < in.capacity(); i++) {
            int v = (int) Math.round((in.get(i) & 0xff) * gain[i % 3] + offset);
            to.put(i, (byte) Math.max(0, Math.min(255, v)));
        }
        return out;
    }

    /** The scene with a flat dark block over the given fraction of its area (from the top left). */
    static Mat covered(Mat scene, double fraction) {
        Mat out = scene.clone();
        double side = Math.sqrt(fraction);
        rectangle(out, new Rect(0, 0, (int) (W * side), (int) (H * side)), new Scalar(35, 38, 40, 0), FILLED, 8, 0);
        return out;
    }

    static Mat uniform(int b, int g, int r) {
        return new Mat(H, W, CV_8UC3, new Scalar(b, g, r, 0));
    }

    /** SMPTE-like vertical colour bars, what many encoders send when the sensor signal is lost. */
    static Mat colourBars() {
        int[][] bars = {{192, 192, 192}, {0, 192, 192}, {192, 192, 0}, {0, 192, 0}, {192, 0, 192}, {0, 0, 192},
                {192, 0, 0}, {16, 16, 16}};
        Mat m = new Mat(H, W, CV_8UC3);
        for (int i = 0; i < bars.length; i++) {
            rectangle(m, new Rect(i * W / bars.length, 0, W / bars.length, H),
                    new Scalar(bars[i][0], bars[i][1], bars[i][2], 0), FILLED, 8, 0);
        }
        return m;
    }
}
