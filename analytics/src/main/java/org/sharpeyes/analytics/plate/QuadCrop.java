package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Perspective crop of a quad to an upright rectangle, as PP-OCR feeds its recogniser. */
final class QuadCrop {
    private QuadCrop() {
    }

    /** The quad's pixels warped to width×height of its longer edges; the caller releases the Mat. */
    static Mat warp(Mat bgr, TextQuad quad) {
        int w = Math.max(1, (int) Math.round(quad.width()));
        int h = Math.max(1, (int) Math.round(quad.height()));
        Mat out = new Mat();
        try (PointerScope scope = new PointerScope()) {
            Point2f src = new Point2f(4);
            for (int i = 0; i < 4; i++) {
                TextQuad.Corner c = quad.corners().get(i);
                src.position(i).x((float) c.x()).y((float) c.y());
            }
            src.position(0);
            Point2f dst = new Point2f(4);
            dst.position(0).x(0).y(0);
            dst.position(1).x(w).y(0);
            dst.position(2).x(w).y(h);
            dst.position(3).x(0).y(h);
            dst.position(0);
            Mat m = getPerspectiveTransform(src, dst);
            warpPerspective(bgr, out, m, new Size(w, h), INTER_CUBIC, BORDER_REPLICATE, new Scalar());
        }
        return out;
    }
}
