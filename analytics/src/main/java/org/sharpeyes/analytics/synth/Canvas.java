package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_core.BORDER_TRANSPARENT;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

import java.nio.ShortBuffer;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.common.Box;

/**
 * One frame being drawn, and beside it a label map: every pixel holds the label of the object
 * drawn last there (0 for the street), so what is left of an object after nearer ones covered
 * it, and after the frame edge cut it, can be counted exactly.
 */
final class Canvas implements AutoCloseable {
    /** Sub-pixel bits of polygon vertices: smooth edges as things move slowly. */
    private static final int SHIFT = 4;

    final Camera camera;
    final Mat frame;
    private final Mat labels;
    private final Point points = new Point(16);

    Canvas(Camera camera) {
        this.camera = camera;
        this.frame = new Mat(camera.height(), camera.width(), CV_8UC3);
        this.labels = new Mat(camera.height(), camera.width(), CV_16UC1);
    }

    void reset(Mat background) {
        background.copyTo(frame);
        labels.put(new Scalar(0));
    }

    /** Fills a world polygon; returns it in pixels (empty when it lies behind the camera). */
    List<double[]> fill(double[][] world, Scalar colour, int label) {
        List<double[]> px = camera.project(world);
        fill(px, colour, label);
        return px;
    }

    /** Fills a convex pixel polygon. */
    void fill(List<double[]> px, Scalar colour, int label) {
        if (px.size() < 3) {
            return;
        }
        setPoints(px);
        fillConvexPoly(frame, points, px.size(), colour, LINE_AA, SHIFT);
        if (label != 0) {
            fillConvexPoly(labels, points, px.size(), new Scalar(label), LINE_8, SHIFT);
        }
    }

    /** Filled ellipse centred at (u, v) with these half axes in pixels. */
    void ellipse(double u, double v, double halfWidth, double halfHeight, Scalar colour, int label) {
        Point c = new Point((int) Math.round(u * (1 << SHIFT)), (int) Math.round(v * (1 << SHIFT)));
        Size axes = new Size((int) Math.round(halfWidth * (1 << SHIFT)), (int) Math.round(halfHeight * (1 << SHIFT)));
        org.bytedeco.opencv.global.opencv_imgproc.ellipse(frame, c, axes, 0, 0, 360, colour, FILLED, LINE_AA, SHIFT);
        if (label != 0) {
            org.bytedeco.opencv.global.opencv_imgproc.ellipse(labels, c, axes, 0, 0, 360, new Scalar(label), FILLED, LINE_8, SHIFT);
        }
    }

    /**
     * Pastes the astronaut's head with its face box {@code faceWidth} wide at (x, y): the head
     * is labelled {@code headLabel}, the face box in it {@code faceLabel}.
     *
     * @return the face box, unclipped
     */
    Box head(Astronaut astronaut, int faceWidth, int x, int y, int headLabel, int faceLabel) {
        Box face = astronaut.paste(frame, faceWidth, x, y);
        Box head = Astronaut.headBox(faceWidth, x, y);
        Point c = new Point((head.x() * 2 + head.width()) << (SHIFT - 1), (head.y() * 2 + head.height()) << (SHIFT - 1));
        Size axes = new Size((int) Math.round(head.width() * Astronaut.MASK_WIDTH * (1 << (SHIFT - 1))),
                (int) Math.round(head.height() * Astronaut.MASK_HEIGHT * (1 << (SHIFT - 1))));
        org.bytedeco.opencv.global.opencv_imgproc.ellipse(labels, c, axes, 0, 0, 360, new Scalar(headLabel), FILLED, LINE_8, SHIFT);
        label(face, faceLabel);
        return face;
    }

    /** Marks a pixel box as belonging to {@code label} (a face on a head already drawn). */
    void label(Box b, int label) {
        Rect r = Astronaut.clip(b, frame.cols(), frame.rows());
        if (r != null) {
            rectangle(labels, r, new Scalar(label), FILLED, LINE_8, 0);
        }
    }

    /**
     * Warps an image onto a pixel quad (its corners top-left, top-right, bottom-right,
     * bottom-left) with a true perspective transform.
     */
    void warp(Mat image, List<double[]> quad, int label) {
        Box bounds = bounds(quad);
        Rect roi = Astronaut.clip(bounds, frame.cols(), frame.rows());
        if (roi == null || quad.size() != 4) {
            return;
        }
        try (PointerScope scope = new PointerScope()) {
            Point2f src = new Point2f(4);
            Point2f dst = new Point2f(4);
            double[][] corners = {{0, 0}, {image.cols(), 0}, {image.cols(), image.rows()}, {0, image.rows()}};
            for (int i = 0; i < 4; i++) {
                src.position(i).x((float) corners[i][0]).y((float) corners[i][1]);
                dst.position(i).x((float) (quad.get(i)[0] - roi.x())).y((float) (quad.get(i)[1] - roi.y()));
            }
            Mat h = getPerspectiveTransform(src.position(0), dst.position(0));
            Mat target = new Mat(frame, roi);
            warpPerspective(image, target, h, new Size(roi.width(), roi.height()), INTER_LINEAR, BORDER_TRANSPARENT,
                    new Scalar(0));
        }
        if (label != 0) {
            setPoints(quad);
            fillConvexPoly(labels, points, 4, new Scalar(label), LINE_8, SHIFT);
        }
    }

    private void setPoints(List<double[]> px) {
        for (int i = 0; i < px.size(); i++) {
            points.position(i).x((int) Math.round(px.get(i)[0] * (1 << SHIFT))).y((int) Math.round(px.get(i)[1] * (1 << SHIFT)));
        }
        points.position(0);
    }

    /** What is left of {@code label} inside the pixel box where it was drawn: its bounds and pixel count. */
    Visible visible(int label, Box drawn) {
        Rect r = Astronaut.clip(drawn, frame.cols(), frame.rows());
        if (r == null) {
            return null;
        }
        short[] px = new short[r.width() * r.height()];
        try (Mat roi = new Mat(labels, r).clone()) {
            ((ShortBuffer) roi.createBuffer()).get(px);
        }
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        int count = 0;
        short want = (short) label;
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (px[y * r.width() + x] == want) {
                    count++;
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return count == 0 ? null : new Visible(new Box(r.x() + x0, r.y() + y0, x1 - x0 + 1, y1 - y0 + 1), count);
    }

    record Visible(Box box, int pixels) {
    }

    /** Pixel bounds of a polygon (floor to ceiling). */
    static Box bounds(List<double[]> px) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (double[] p : px) {
            x0 = Math.min(x0, p[0]);
            y0 = Math.min(y0, p[1]);
            x1 = Math.max(x1, p[0]);
            y1 = Math.max(y1, p[1]);
        }
        int left = (int) Math.floor(x0);
        int top = (int) Math.floor(y0);
        return new Box(left, top, Math.max(0, (int) Math.ceil(x1) - left), Math.max(0, (int) Math.ceil(y1) - top));
    }

    /** Area of a pixel polygon (shoelace). */
    static double area(List<double[]> px) {
        double a = 0;
        for (int i = 0; i < px.size(); i++) {
            double[] p = px.get(i);
            double[] q = px.get((i + 1) % px.size());
            a += p[0] * q[1] - q[0] * p[1];
        }
        return Math.abs(a) / 2;
    }

    @Override
    public void close() {
        points.close();
        labels.close();
        frame.close();
    }
}
