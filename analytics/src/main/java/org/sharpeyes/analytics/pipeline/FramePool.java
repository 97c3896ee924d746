package org.sharpeyes.analytics.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.ArrayDeque;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The BGR frame buffers of one camera: at most {@code capacity} exist at once (frames queued for
 * detection, the one being detected, the one being converted). Buffers are made on first need and
 * reused; a change of picture size frees the old ones as they come back. Thread-safe: the decode
 * side takes, the detect side gives back.
 */
final class FramePool implements AutoCloseable {
    private final int capacity;
    private final ArrayDeque<Mat> free = new ArrayDeque<>();
    private int width;
    private int height;
    private int outstanding;
    private boolean closed;

    FramePool(int capacity) {
        this.capacity = capacity;
    }

    /** A width×height buffer, or null when all are in use (the caller then drops the frame). */
    synchronized Mat take(int width, int height) {
        if (closed) {
            return null;
        }
        if (width != this.width || height != this.height) {
            free.forEach(Mat::close);
            free.clear();
            this.width = width;
            this.height = height;
        }
        Mat m = free.poll();
        if (m == null) {
            if (outstanding >= capacity) {
                return null;
            }
            m = new Mat(height, width, CV_8UC3);
        }
        outstanding++;
        return m;
    }

    synchronized void give(Mat m) {
        outstanding--;
        if (closed || m.cols() != width || m.rows() != height) {
            m.close();
        } else {
            free.push(m);
        }
    }

    /** Frees the idle buffers now and the others as they are given back. */
    @Override
    public synchronized void close() {
        closed = true;
        free.forEach(Mat::close);
        free.clear();
    }
}
