package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.common.Box;

/**
 * Surveillance-quality copies of the stills: scaled to 0.65 (faces of 34–100 px become 22–65
 * px), blurred, darkened and noisier, then saved as JPEG quality 45.
 */
final class Degradation {
    static final double SCALE = 0.65;
    static final int JPEG_QUALITY = 45;

    private Degradation() {
    }

    /** A new degraded copy of {@code still} (the caller closes it). */
    static Mat apply(Mat still, Random rnd) {
        Mat small = new Mat();
        resize(still, small, new Size((int) Math.round(still.cols() * SCALE), (int) Math.round(still.rows() * SCALE)), 0, 0,
                INTER_AREA);
        new Look(0.55 + 0.25 * rnd.nextDouble(), 0, 0, Look.Blur.DEFOCUS, 0.8 + 0.4 * rnd.nextDouble(), 5 + 3 * rnd.nextDouble())
                .apply(small, null, rnd.nextLong());
        return small;
    }

    /** A box of the still in the degraded copy's pixels. */
    static Box scale(Box b) {
        int x0 = (int) Math.round(b.x() * SCALE);
        int y0 = (int) Math.round(b.y() * SCALE);
        int x1 = (int) Math.round((b.x() + b.width()) * SCALE);
        int y1 = (int) Math.round((b.y() + b.height()) * SCALE);
        return new Box(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }
}
