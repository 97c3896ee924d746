package org.sharpeyes.analytics.onnx;

import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.common.Box;

/** Regions of a frame as the detectors take them (motion regions, or the whole frame). */
public final class Regions {
    private Regions() {
    }

    /** The part of {@code region} inside a width×height frame; empty when they do not overlap. */
    public static Box clip(Box region, int width, int height) {
        int left = clamp(region.x(), 0, width);
        int top = clamp(region.y(), 0, height);
        int right = clamp(region.x() + region.width(), left, width);
        int bottom = clamp(region.y() + region.height(), top, height);
        if (left == region.x() && top == region.y() && right - left == region.width() && bottom - top == region.height()) {
            return region; // the usual case, once per region and detector
        }
        return new Box(left, top, right - left, bottom - top);
    }

    /**
     * Points {@code header} at the w×h pixels at (x, y) of {@code image} (inside it), sharing its
     * memory: a kept header re-pointed per use instead of a {@code new Mat(image, rect)} each time.
     * The header holds a reference to the image's memory until it is released or pointed elsewhere.
     */
    public static Mat view(Mat header, Mat image, int x, int y, int w, int h) {
        return header.put(image).adjustROI(-y, y + h - image.rows(), -x, x + w - image.cols());
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
