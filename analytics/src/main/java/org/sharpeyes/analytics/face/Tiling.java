package org.sharpeyes.analytics.face;

import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.common.Box;

/**
 * The model inputs that cover a region at several scales. The finest level scales the smallest
 * wanted face to {@link #MODEL_MIN_FACE} input pixels; each next level is {@link #GROWTH} times
 * coarser, and the last scales the region's longest side to the model's exported size. A level is
 * one input of the region's own shape (the model takes any size, {@link AnyInputSize}), cut into
 * overlapping pieces of at most {@link #MAX_SIDE} input pixels a side where it is larger, padded
 * to at least {@link #MIN_SIDE} where it is smaller. Pieces overlap by
 * {@link #OVERLAP} input pixels, so a face up to that size lies wholly inside one of them, and the
 * next level takes over from faces of {@code MODEL_MIN_FACE · GROWTH}.
 */
final class Tiling {
    /** Smallest face, in model input pixels, the BlazeFace back model finds reliably (measured on the tests' faces). */
    static final int MODEL_MIN_FACE = 20;
    static final double GROWTH = 2.5;
    /** Largest input side of a piece: above it ONNX Runtime's time per pixel grows (caches), and so does the memory. */
    static final int MAX_SIDE = 512;
    /**
     * Smallest input side: the scaled tile sits at the top-left of a black input at least this
     * large. In a narrower input the deep layers see the convolutions' padding close on both
     * sides and score faces lower: on the two street videos inputs fitted to the tile, or at least
     * 160 a side, lost 3 of their 20 face tracks; 192 and 256 none (BENCHMARKS.md, ninth round).
     */
    static final int MIN_SIDE = 192;
    /** Overlap of a level's pieces, in input pixels: over the {@code MODEL_MIN_FACE · GROWTH} the next level starts at. */
    static final int OVERLAP = 64;
    /** Tiles of most plans: the list rarely grows. */
    private static final int TYPICAL_PLAN = 8;

    /**
     * The part (x, y, width, height) of the region, in frame pixels, that one input holds, scaled
     * by {@code scale} input pixels per frame pixel.
     */
    record Tile(int x, int y, int width, int height, double scale) {
        /** Input pixels the tile's width scales to. */
        int scaledWidth() {
            return Math.max(1, (int) Math.round(width * scale));
        }

        int scaledHeight() {
            return Math.max(1, (int) Math.round(height * scale));
        }

        /** The input's width: the scaled tile, padded to the model's alignment and at least {@link #MIN_SIDE}. */
        int inputWidth() {
            return Math.max(MIN_SIDE, align(scaledWidth()));
        }

        int inputHeight() {
            return Math.max(MIN_SIDE, align(scaledHeight()));
        }

        /** Frame pixels of the smallest face this tile's level is for ({@link #MODEL_MIN_FACE} input pixels). */
        double smallestFace() {
            return MODEL_MIN_FACE / scale;
        }

        Box box() {
            return new Box(x, y, width, height);
        }
    }

    private Tiling() {
    }

    static List<Tile> plan(Box region, int inputSize, int minFace) {
        int longest = Math.max(region.width(), region.height());
        List<Tile> tiles = new ArrayList<>(TYPICAL_PLAN);
        for (double scale = finestScale(minFace); longest * scale > inputSize; scale /= GROWTH) {
            int overlap = (int) Math.ceil(OVERLAP / scale);
            int cols = count(region.width(), scale);
            int rows = count(region.height(), scale);
            int w = length(region.width(), overlap, cols);
            int h = length(region.height(), overlap, rows);
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < cols; i++) {
                    tiles.add(new Tile(start(region.x(), region.width(), w, i, cols),
                            start(region.y(), region.height(), h, j, rows), w, h, scale));
                }
            }
        }
        tiles.add(new Tile(region.x(), region.y(), region.width(), region.height(), (double) inputSize / longest));
        return tiles;
    }

    /** Input pixels per frame pixel of the finest level: a face of {@code minFace} scales to {@link #MODEL_MIN_FACE}. */
    static double finestScale(int minFace) {
        return (double) MODEL_MIN_FACE / minFace;
    }

    static int align(int pixels) {
        return (pixels + FaceModel.ALIGN - 1) / FaceModel.ALIGN * FaceModel.ALIGN;
    }

    /** Pieces along {@code length} frame pixels at {@code scale}: each at most MAX_SIDE input pixels, overlapping by OVERLAP. */
    private static int count(int length, double scale) {
        double scaled = length * scale;
        return scaled <= MAX_SIDE ? 1 : (int) Math.ceil((scaled - OVERLAP) / (MAX_SIDE - OVERLAP));
    }

    /** Length of each of n pieces along {@code length}, evenly spread, overlapping by at least {@code overlap}. */
    private static int length(int length, int overlap, int n) {
        return n == 1 ? length : Math.min(length, (length + (n - 1) * overlap + n - 1) / n);
    }

    /** The i-th of n evenly spread starts from {@code from} to {@code from + length - piece}. */
    private static int start(int from, int length, int piece, int i, int n) {
        return n == 1 ? from : from + (int) Math.round((double) i * (length - piece) / (n - 1));
    }
}
