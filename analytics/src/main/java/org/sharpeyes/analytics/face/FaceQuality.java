package org.sharpeyes.analytics.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.analytics.onnx.Regions;
import org.sharpeyes.common.Box;

/**
 * How useful a face crop is to an investigator, in [0,1], to keep the best crop of a track:
 * the geometric mean of three terms, each in [0,1], so one bad term pulls the score down.
 * <ul>
 *   <li>size: {@code clamp(log2(side / 16) / 3)}, side the box's shorter side in px: 16 px → 0,
 *       128 px and more → 1 (each doubling counts the same);</li>
 *   <li>sharpness: {@code v / (v + 100)}, v the variance of the Laplacian of the grey crop scaled
 *       to 64×64 (so it measures blur, not resolution, which the size term already counts; 3×3
 *       kernel, borders reflected, as OpenCV's {@code Laplacian} with {@code ksize} 1);</li>
 *   <li>frontal pose from the landmarks: {@code (1 − min(1, |yaw|)) · (1 − min(1, |roll| / 45°))},
 *       yaw the nose tip's offset from the eyes' midpoint along the eye line in half eye
 *       distances (0 frontal, 1 nose over an eye), roll the eye line's angle.</li>
 * </ul>
 * An instance keeps the images the sharpness is measured in, reused from face to face; one
 * caller at a time, and {@link #close} frees them.
 */
public final class FaceQuality implements AutoCloseable {
    static final double SHARPNESS_HALF = 100;
    private static final int SHARPNESS_SIDE = 64;

    /** A header pointed at each crop in turn; the crop in grey (grown to the largest seen); the scaled crop. */
    private final Mat crop = new Mat().retainReference();
    private final Mat grey = new Mat().retainReference();
    private final Mat scaled = new Mat(SHARPNESS_SIDE, SHARPNESS_SIDE, CV_8UC1).retainReference();
    private final Size side = new Size(SHARPNESS_SIDE, SHARPNESS_SIDE).retainReference();
    private final ByteBuffer pixels = scaled.data().capacity((long) SHARPNESS_SIDE * SHARPNESS_SIDE).asByteBuffer();

    /** Quality of {@code face} as found in the 8-bit BGR {@code frame}. */
    public double score(Mat frame, Face face) {
        return Math.cbrt(size(face.box()) * sharpness(frame, face.box()) * frontal(face));
    }

    static double size(Box box) {
        int side = Math.min(box.width(), box.height());
        return side <= 16 ? 0 : Math.min(1, Math.log(side / 16.0) / Math.log(2) / 3);
    }

    double sharpness(Mat frame, Box box) {
        if (box.width() == 0 || box.height() == 0) {
            return 0;
        }
        cvtColor(Regions.view(crop, frame, box.x(), box.y(), box.width(), box.height()), grey, COLOR_BGR2GRAY);
        crop.release(); // the frame goes back to its pool: hold no reference to it
        resize(grey, scaled, side, 0, 0, INTER_AREA);
        double variance = laplacianVariance(pixels, SHARPNESS_SIDE);
        return variance / (variance + SHARPNESS_HALF);
    }

    /** Variance of the 4-neighbour Laplacian of an n×n grey image, borders reflected without repeating the edge. */
    static double laplacianVariance(ByteBuffer image, int n) {
        double sum = 0;
        double squares = 0;
        for (int y = 0; y < n; y++) {
            int up = reflect(y - 1, n) * n;
            int down = reflect(y + 1, n) * n;
            for (int x = 0; x < n; x++) {
                int v = (image.get(up + x) & 0xff) + (image.get(down + x) & 0xff)
                        + (image.get(y * n + reflect(x - 1, n)) & 0xff) + (image.get(y * n + reflect(x + 1, n)) & 0xff)
                        - 4 * (image.get(y * n + x) & 0xff);
                sum += v;
                squares += (double) v * v;
            }
        }
        double mean = sum / (n * n);
        return Math.max(0, squares / (n * n) - mean * mean);
    }

    private static int reflect(int i, int n) {
        return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
    }

    static double frontal(Face face) {
        double ex = face.x(Face.LEFT_EYE) - face.x(Face.RIGHT_EYE);
        double ey = face.y(Face.LEFT_EYE) - face.y(Face.RIGHT_EYE);
        double eyes = Math.hypot(ex, ey);
        if (eyes == 0) {
            return 0;
        }
        double mx = (face.x(Face.LEFT_EYE) + face.x(Face.RIGHT_EYE)) / 2;
        double my = (face.y(Face.LEFT_EYE) + face.y(Face.RIGHT_EYE)) / 2;
        double along = ((face.x(Face.NOSE) - mx) * ex + (face.y(Face.NOSE) - my) * ey) / eyes;
        double yaw = Math.abs(along) / (eyes / 2);
        double roll = Math.abs(Math.toDegrees(Math.atan2(ey, ex)));
        return (1 - Math.min(1, yaw)) * (1 - Math.min(1, roll / 45));
    }

    @Override
    public void close() {
        crop.close();
        grey.close();
        scaled.close();
        side.close();
    }
}
