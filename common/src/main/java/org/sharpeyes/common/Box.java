package org.sharpeyes.common;

/** Axis-aligned box in frame pixels. */
public record Box(int x, int y, int width, int height) {
    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("box width and height must be >= 0, got " + width + "x" + height);
        }
    }
}
