package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The JavaCPP objects every {@link PlateCandidates} pass would otherwise create anew (a few
 * hundred bytes of heap each, twice per motion region): its two morphology kernels, the rectangle
 * and size it sets before each use, and the blob statistics OpenCV fills in. Retained, so that a
 * PointerScope open around a call cannot free them; {@link #close} does.
 */
final class CandidateKit implements AutoCloseable {
    final Mat closeKernel = getStructuringElement(MORPH_RECT,
            new Size(PlateCandidates.CLOSE_WIDTH, PlateCandidates.CLOSE_HEIGHT)).retainReference();
    final Mat openKernel = getStructuringElement(MORPH_RECT, new Size(3, 3)).retainReference();
    final Rect rect = new Rect().retainReference();
    final Size size = new Size().retainReference();
    final Mat stats = new Mat().retainReference();
    final Mat centroids = new Mat().retainReference();

    @Override
    public void close() {
        closeKernel.close();
        openKernel.close();
        rect.close();
        size.close();
        stats.close();
        centroids.close();
    }
}
