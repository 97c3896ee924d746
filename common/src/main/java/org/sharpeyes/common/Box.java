package org.sharpeyes.common;

import java.util.List;

/** Axis-aligned box in frame pixels. */
public record Box(int x, int y, int width, int height) {
    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("box width and height must be >= 0, got " + width + "x" + height);
        }
    }

    /** Intersection over union with {@code other}; 0 when either box is empty. */
    public double iou(Box other) {
        return iou(0, 0, other);
    }

    /** {@link #iou} of this box moved by (dx, dy), without making the moved box (trackers ask it per frame and pair). */
    public double iou(int dx, int dy, Box other) {
        long inter = intersection(dx, dy, other);
        long union = area() + other.area() - inter;
        return union <= 0 ? 0 : (double) inter / union;
    }

    /** Pixels this box and {@code other} have in common. */
    public long intersection(Box other) {
        return intersection(0, 0, other);
    }

    /** The box this one and {@code other} both cover, or null when they do not overlap. */
    public Box intersect(Box other) {
        int x0 = Math.max(x, other.x);
        int y0 = Math.max(y, other.y);
        int x1 = Math.min(x + width, other.x + other.width);
        int y1 = Math.min(y + height, other.y + other.height);
        return x1 > x0 && y1 > y0 ? new Box(x0, y0, x1 - x0, y1 - y0) : null;
    }

    /** The smallest box holding this one and {@code other}. */
    public Box union(Box other) {
        int x0 = Math.min(x, other.x);
        int y0 = Math.min(y, other.y);
        int x1 = Math.max(x + width, other.x + other.width);
        int y1 = Math.max(y + height, other.y + other.height);
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** Replaces, in place, boxes of the list that overlap by their union until none overlap. */
    public static void joinOverlapping(List<Box> boxes) {
        boolean joined = true;
        while (joined) {
            joined = false;
            for (int i = 0; i < boxes.size() && !joined; i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    if (boxes.get(i).intersect(boxes.get(j)) != null) {
                        boxes.set(i, boxes.get(i).union(boxes.get(j)));
                        boxes.remove(j);
                        joined = true;
                        break;
                    }
                }
            }
        }
    }

    public long area() {
        return (long) width * height;
    }

    /** Distance between the centres of this box moved by (dx, dy) and of {@code other}. */
    public double centreDistance(int dx, int dy, Box other) {
        return Math.hypot(other.x + other.width / 2.0 - (x + dx + width / 2.0),
                other.y + other.height / 2.0 - (y + dy + height / 2.0));
    }

    /** Whether width and height are each within {@code ratio} times {@code other}'s (either way). */
    public boolean sizedLike(Box other, double ratio) {
        return within(width, other.width, ratio) && within(height, other.height, ratio);
    }

    private static boolean within(int a, int b, double ratio) {
        return Math.max(a, b) <= ratio * Math.min(a, b);
    }

    private long intersection(int dx, int dy, Box other) {
        long ix = Math.max(0, Math.min(x + dx + width, other.x + other.width) - Math.max(x + dx, other.x));
        long iy = Math.max(0, Math.min(y + dy + height, other.y + other.height) - Math.max(y + dy, other.y));
        return ix * iy;
    }
}
