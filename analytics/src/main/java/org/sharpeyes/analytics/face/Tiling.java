package org.sharpeyes.analytics.face;

import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.common.Box;

/**
 * Square tiles covering a region at several scales. The finest level scales the smallest wanted
 * face to {@link #MODEL_MIN_FACE} input pixels; each next level has tiles {@link #GROWTH} times
 * larger, and the last is one tile over the whole region. Tiles of a level overlap by at least a
 * quarter of their side, so a face up to that size lies wholly inside one of them, and the next
 * level takes over from faces of {@code MODEL_MIN_FACE / inputSize · GROWTH} of the side.
 */
final class Tiling {
    /** Smallest face, in model input pixels, the BlazeFace back model finds reliably (measured on the tests' faces). */
    static final int MODEL_MIN_FACE = 20;
    static final double GROWTH = 2.5;
    static final double MIN_OVERLAP = 0.25;
    /** Tiles of most plans (a 720p frame's whole plan has 21): the list rarely grows. */
    private static final int TYPICAL_PLAN = 16;

    /** A square tile at (x, y) with the given side, in frame pixels; it may reach past the region. */
    record Tile(int x, int y, int side) {
    }

    private Tiling() {
    }

    static List<Tile> plan(Box region, int inputSize, int minFace) {
        int longest = Math.max(region.width(), region.height());
        List<Tile> tiles = new ArrayList<>(TYPICAL_PLAN);
        for (double side = finestSide(inputSize, minFace); side < longest; side *= GROWTH) {
            int s = (int) Math.round(side);
            int rows = count(region.height(), s);
            int cols = count(region.width(), s);
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < cols; i++) {
                    tiles.add(new Tile(start(region.x(), region.width(), s, i, cols), start(region.y(), region.height(), s, j, rows), s));
                }
            }
        }
        tiles.add(new Tile(region.x(), region.y(), longest));
        return tiles;
    }

    /** Side of the finest level's tiles, which scale a face of {@code minFace} to {@link #MODEL_MIN_FACE}. */
    static double finestSide(int inputSize, int minFace) {
        return (double) inputSize * minFace / MODEL_MIN_FACE;
    }

    /** Tiles of {@code side} along {@code length}, overlapping by at least MIN_OVERLAP·side. */
    private static int count(int length, int side) {
        return side >= length ? 1 : (int) Math.ceil((length - side) / (side * (1 - MIN_OVERLAP))) + 1;
    }

    /** The i-th of n evenly spread starts from {@code from} to {@code from + length - side}. */
    private static int start(int from, int length, int side, int i, int n) {
        return n == 1 ? from : from + (int) Math.round((double) i * (length - side) / (n - 1));
    }
}
