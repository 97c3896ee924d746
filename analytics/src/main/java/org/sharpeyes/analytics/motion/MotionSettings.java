package org.sharpeyes.analytics.motion;

/**
 * How the motion gate compares frames. Frames are compared as grey thumbnails {@code width}
 * pixels wide, in square cells of {@code cell} thumbnail pixels.
 *
 * @param width          thumbnail width; the height follows the frame's aspect
 * @param cell           cell side in thumbnail pixels
 * @param pixelThreshold a thumbnail pixel changed when its grey level moved by more than this
 *                       (after the frame's mean brightness change is taken out)
 * @param cellShare      a cell has motion when at least this share of its pixels changed
 * @param pad            cells added around each moving area, so that an object whose edges
 *                       moved is covered whole
 * @param wholeShare     when moving areas cover more than this share of the frame, the frame is
 *                       looked at whole (one region is cheaper than many overlapping ones)
 */
public record MotionSettings(int width, int cell, int pixelThreshold, double cellShare, int pad, double wholeShare) {
    /** 160×90 thumbnails of 20×12 cells for 16:9; thresholds above sensor noise at night. */
    public static final MotionSettings DEFAULTS = new MotionSettings(160, 8, 18, 0.05, 1, 0.6);

    public MotionSettings {
        if (width < 16 || width > 1024) {
            throw new IllegalArgumentException("motion width must be in 16..1024, got " + width);
        }
        if (cell < 2 || cell > width / 2) {
            throw new IllegalArgumentException("motion cell must be in 2.." + width / 2 + ", got " + cell);
        }
        if (pixelThreshold < 1 || pixelThreshold > 254) {
            throw new IllegalArgumentException("motion pixelThreshold must be in 1..254, got " + pixelThreshold);
        }
        if (!(cellShare > 0 && cellShare <= 1)) {
            throw new IllegalArgumentException("motion cellShare must be in (0,1], got " + cellShare);
        }
        if (pad < 0 || pad > 8) {
            throw new IllegalArgumentException("motion pad must be in 0..8 cells, got " + pad);
        }
        if (!(wholeShare > 0 && wholeShare <= 1)) {
            throw new IllegalArgumentException("motion wholeShare must be in (0,1], got " + wholeShare);
        }
    }

    /** Thumbnail height for a frame, at least one cell. */
    public int height(int frameWidth, int frameHeight) {
        return Math.max(cell, (int) Math.round((double) width * frameHeight / frameWidth));
    }
}
