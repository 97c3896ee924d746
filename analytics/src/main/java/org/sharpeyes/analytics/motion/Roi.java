package org.sharpeyes.analytics.motion;

import java.util.List;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Box;

/**
 * A camera's region of interest: a polygon in normalised frame coordinates, or the whole frame
 * when it has no vertices. Motion outside it is ignored and detections whose centre lies outside
 * it are dropped.
 */
public final class Roi {
    private final double[] xs;
    private final double[] ys;

    public Roi(List<AnalyticsSettings.Point> polygon) {
        if (!polygon.isEmpty() && polygon.size() < 3) {
            throw new IllegalArgumentException("a region of interest needs at least 3 vertices, got " + polygon.size());
        }
        xs = new double[polygon.size()];
        ys = new double[polygon.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = clamp01(polygon.get(i).x());
            ys[i] = clamp01(polygon.get(i).y());
        }
    }

    public boolean whole() {
        return xs.length == 0;
    }

    /** Even-odd rule; points on the frame are in normalised coordinates. */
    public boolean contains(double x, double y) {
        if (whole()) {
            return true;
        }
        boolean in = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                in = !in;
            }
        }
        return in;
    }

    /** Whether the box's centre is inside, the box given in pixels of a frame that size. */
    public boolean containsCentre(Box box, int frameWidth, int frameHeight) {
        return contains((box.x() + box.width() / 2.0) / frameWidth, (box.y() + box.height() / 2.0) / frameHeight);
    }

    /** The polygon's bounding box in pixels of a frame that size (the whole frame when there is no polygon). */
    public Box bounds(int frameWidth, int frameHeight) {
        if (whole()) {
            return new Box(0, 0, frameWidth, frameHeight);
        }
        double x0 = 1;
        double y0 = 1;
        double x1 = 0;
        double y1 = 0;
        for (int i = 0; i < xs.length; i++) {
            x0 = Math.min(x0, xs[i]);
            y0 = Math.min(y0, ys[i]);
            x1 = Math.max(x1, xs[i]);
            y1 = Math.max(y1, ys[i]);
        }
        int left = (int) Math.floor(x0 * frameWidth);
        int top = (int) Math.floor(y0 * frameHeight);
        int right = Math.max(left + 1, (int) Math.ceil(x1 * frameWidth));
        int bottom = Math.max(top + 1, (int) Math.ceil(y1 * frameHeight));
        return new Box(left, top, Math.min(right, frameWidth) - left, Math.min(bottom, frameHeight) - top);
    }

    private static double clamp01(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("region of interest vertex is NaN");
        }
        return Math.max(0, Math.min(1, v));
    }
}
