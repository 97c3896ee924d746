package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.analytics.onnx.Regions;
import org.sharpeyes.common.Box;

/**
 * The JavaCPP objects the plate steps would otherwise create anew on every call (a few hundred
 * bytes of heap each, several per region and per text quad): the candidate step's morphology
 * kernels, images and blob statistics, headers and sizes set before each use, contours, the
 * corners of a perspective crop and the crops themselves. Images Java never reads are Mats of
 * their own, which OpenCV resizes in place: a region's size seldom recurs, so headers kept per
 * size over a {@code Scratch} would mostly be made anew. Retained, so that a PointerScope open
 * around a call cannot free them; {@link #close} does.
 */
final class PlateKit implements AutoCloseable {
    private static final VarHandle NATIVE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    final Mat closeKernel = getStructuringElement(MORPH_RECT,
            new Size(PlateCandidates.CLOSE_WIDTH, PlateCandidates.CLOSE_HEIGHT)).retainReference();
    final Mat openKernel = getStructuringElement(MORPH_RECT, new Size(3, 3)).retainReference();
    final Size size = new Size().retainReference();
    /** The candidate step's scaled region, its grey image, gradient, edge mask and blob labels. */
    final Mat small = new Mat().retainReference();
    final Mat grey = new Mat().retainReference();
    final Mat gradient = new Mat().retainReference();
    final Mat mask = new Mat().retainReference();
    final Mat labels = new Mat().retainReference();
    final Mat stats = new Mat().retainReference();
    final Mat centroids = new Mat().retainReference();
    /** Tall blobs of one half-scale pass, five ints each ({@link PlateCandidates}'s whole plates). */
    final int[] tallBlobs = new int[5 * PlateCandidates.MAX_TALL_BLOBS];
    final MatVector contours = new MatVector().retainReference();
    /** A perspective crop's source and target corners. */
    final Point2f from = new Point2f(4).retainReference();
    final Point2f to = new Point2f(4).retainReference();
    /** The border value a perspective crop takes (none: its borders are replicated). */
    final Scalar border = new Scalar().retainReference();
    private final Mat region = new Mat().retainReference();
    private final List<Mat> crops = new ArrayList<>();
    /** The 32-bit blob statistics, copied out at once: one pointer object a call, not four for a buffer view. */
    private byte[] statBytes = new byte[0];

    /** Copies the first {@code ints} values of {@link #stats} (CV_32S) out for {@link #stat}. */
    void readStats(int ints) {
        if (statBytes.length < 4 * ints) {
            statBytes = new byte[Math.max(4 * ints, 2 * statBytes.length)];
        }
        stats.data().get(statBytes, 0, 4 * ints);
    }

    /** The i-th value copied by the last {@link #readStats}. */
    int stat(int i) {
        return (int) NATIVE_INT.get(statBytes, 4 * i);
    }

    /** Scales {@code box} of {@code bgr} to w×h into {@code dst}, through the kept header (then let go of the frame). */
    void resizeRegion(Mat bgr, Box box, Mat dst, int w, int h, int interpolation) {
        Regions.view(region, bgr, box.x(), box.y(), box.width(), box.height());
        resize(region, dst, size.width(w).height(h), 0, 0, interpolation);
        region.release();
    }

    /** The i-th crop image, kept for the next call; OpenCV sizes it to each crop written into it. */
    Mat crop(int i) {
        while (crops.size() <= i) {
            crops.add(new Mat().retainReference());
        }
        return crops.get(i);
    }

    @Override
    public void close() {
        closeKernel.close();
        openKernel.close();
        size.close();
        small.close();
        grey.close();
        gradient.close();
        mask.close();
        labels.close();
        stats.close();
        centroids.close();
        contours.close();
        from.close();
        to.close();
        border.close();
        region.close();
        crops.forEach(Mat::close);
    }
}
