package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;

/** Perspective crop of a quad to an upright rectangle, as PP-OCR feeds its recogniser. */
final class QuadCrop {
    private QuadCrop() {
    }

    /** The quad's pixels warped to width×height of its longer edges into the kit's crop {@code slot}, which it returns. */
    static Mat warp(Mat bgr, TextQuad quad, PlateKit kit, int slot) {
        Mat out = kit.crop(slot);
        int w = Math.max(1, (int) Math.round(quad.width()));
        int h = Math.max(1, (int) Math.round(quad.height()));
        Point2f src = kit.from;
        for (int i = 0; i < 4; i++) {
            TextQuad.Corner c = quad.corners().get(i);
            src.position(i).x((float) c.x()).y((float) c.y());
        }
        src.position(0);
        Point2f dst = kit.to;
        dst.position(0).x(0).y(0);
        dst.position(1).x(w).y(0);
        dst.position(2).x(w).y(h);
        dst.position(3).x(0).y(h);
        dst.position(0);
        try (Mat m = getPerspectiveTransform(src, dst)) {
            warpPerspective(bgr, out, m, kit.size.width(w).height(h), INTER_CUBIC, BORDER_REPLICATE, kit.border);
        }
        return out;
    }
}
