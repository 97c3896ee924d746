package org.sharpeyes.analytics.plate;

import java.util.Comparator;
import java.util.List;
import org.sharpeyes.common.Box;

/**
 * A detected text region: four corners in image pixels, clockwise from top left.
 *
 * @param score mean text probability inside the region (0..1)
 */
public record TextQuad(List<Corner> corners, double score) {
    public record Corner(double x, double y) {
    }

    /** Top to bottom, then left to right, by centre. */
    public static final Comparator<TextQuad> TOP_TO_BOTTOM =
            Comparator.comparingDouble(TextQuad::centerY).thenComparingDouble(TextQuad::centerX);

    public TextQuad {
        if (corners.size() != 4) {
            throw new IllegalArgumentException("a quad has 4 corners, got " + corners.size());
        }
        corners = List.copyOf(corners);
    }

    /** Length of the top edge, the longer reading direction. */
    public double width() {
        return Math.max(distance(corners.get(0), corners.get(1)), distance(corners.get(3), corners.get(2)));
    }

    public double height() {
        return Math.max(distance(corners.get(0), corners.get(3)), distance(corners.get(1), corners.get(2)));
    }

    // indexed loops, not streams or iterators: the reader calls these pairwise over every quad of every frame

    public double centerX() {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += corners.get(i).x();
        }
        return sum / 4;
    }

    public double centerY() {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += corners.get(i).y();
        }
        return sum / 4;
    }

    /** Axis-aligned bounds, clipped to an image of the given size. */
    public Box bounds(int imageWidth, int imageHeight) {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            Corner c = corners.get(i);
            x0 = Math.min(x0, c.x());
            y0 = Math.min(y0, c.y());
            x1 = Math.max(x1, c.x());
            y1 = Math.max(y1, c.y());
        }
        int left = (int) Math.max(0, Math.floor(x0));
        int top = (int) Math.max(0, Math.floor(y0));
        int right = (int) Math.min(imageWidth, Math.ceil(x1));
        int bottom = (int) Math.min(imageHeight, Math.ceil(y1));
        return new Box(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    }

    /**
     * The quad lengthened along its reading direction by {@code before} and {@code after} times its
     * height, at its start and end (top-left, top-right, bottom-right, bottom-left corners).
     */
    public TextQuad lengthened(double before, double after) {
        Corner tl = corners.get(0);
        Corner tr = corners.get(1);
        Corner br = corners.get(2);
        Corner bl = corners.get(3);
        double length = distance(tl, tr);
        if (length == 0) {
            return this;
        }
        double ux = (tr.x() - tl.x()) / length;
        double uy = (tr.y() - tl.y()) / length;
        double b = before * height();
        double a = after * height();
        return new TextQuad(List.of(new Corner(tl.x() - ux * b, tl.y() - uy * b), new Corner(tr.x() + ux * a, tr.y() + uy * a),
                new Corner(br.x() + ux * a, br.y() + uy * a), new Corner(bl.x() - ux * b, bl.y() - uy * b)), score);
    }

    private static double distance(Corner a, Corner b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
