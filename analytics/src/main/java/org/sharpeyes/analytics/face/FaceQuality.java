package org.sharpeyes.analytics.face;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.common.Box;

/**
 * How useful a face crop is to an investigator, in [0,1], to keep the best crop of a track:
 * the geometric mean of three terms, each in [0,1], so one bad term pulls the score down.
 * <ul>
 *   <li>size: {@code clamp(log2(side / 16) / 3)}, side the box's shorter side in px: 16 px → 0,
 *       128 px and more → 1 (each doubling counts the same);</li>
 *   <li>sharpness: {@code v / (v + 100)}, v the variance of the Laplacian of the grey crop scaled
 *       to 64×64 (so it measures blur, not resolution, which the size term already counts);</li>
 *   <li>frontal pose from the landmarks: {@code (1 − min(1, |yaw|)) · (1 − min(1, |roll| / 45°))},
 *       yaw the nose tip's offset from the eyes' midpoint along the eye line in half eye
 *       distances (0 frontal, 1 nose over an eye), roll the eye line's angle.</li>
 * </ul>
 */
public final class FaceQuality {
    static final double SHARPNESS_HALF = 100;
    private static final int SHARPNESS_SIDE = 64;

    private FaceQuality() {
    }

    /** Quality of {@code face} as found in the 8-bit BGR {@code frame}. */
    public static double score(Mat frame, Face face) {
        return Math.cbrt(size(face.box()) * sharpness(frame, face.box()) * frontal(face));
    }

    static double size(Box box) {
        int side = Math.min(box.width(), box.height());
        return side <= 16 ? 0 : Math.min(1, Math.log(side / 16.0) / Math.log(2) / 3);
    }

    static double sharpness(Mat frame, Box box) {
        if (box.width() == 0 || box.height() == 0) {
            return 0;
        }
        try (PointerScope scope = new PointerScope()) {
            Mat grey = new Mat();
            cvtColor(new Mat(frame, new Rect(box.x(), box.y(), box.width(), box.height())), grey, COLOR_BGR2GRAY);
            Mat scaled = new Mat();
            resize(grey, scaled, new Size(SHARPNESS_SIDE, SHARPNESS_SIDE), 0, 0, INTER_AREA);
            Mat lap = new Mat();
            Laplacian(scaled, lap, CV_64F);
            Mat mean = new Mat();
            Mat std = new Mat();
            meanStdDev(lap, mean, std);
            double sd;
            try (DoubleIndexer values = std.createIndexer()) {
                sd = values.get(0);
            }
            double variance = sd * sd;
            return variance / (variance + SHARPNESS_HALF);
        }
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
}
