package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.filter2D;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * How the camera sees the street at one moment: light level and colour (day to dusk), the
 * building's shadow, blur and sensor noise. Applied to the drawn frame in that order, as light
 * reaches the sensor before noise is added.
 *
 * @param gain       overall light, 1 = full day
 * @param dusk       0..1, how far the light has turned warm (less blue)
 * @param shadow     0..1, how strongly the building's shadow falls (0: overcast, no shadow)
 * @param blur       what blurs the picture
 * @param blurAmount motion: kernel length in px at 720p; defocus: Gaussian sigma in px at 720p
 * @param noise      sensor noise sigma in grey levels
 */
public record Look(double gain, double dusk, double shadow, Blur blur, double blurAmount, double noise) {
    public enum Blur {
        NONE, MOTION, DEFOCUS;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Applies the look to {@code frame} in place; {@code seed} fixes the noise. */
    void apply(Mat frame, Mat shadowMask, long seed) {
        try (PointerScope scope = new PointerScope()) {
            if (shadow > 0) {
                Mat light = new Mat();
                shadowMask.convertTo(light, -1, shadow, 255 * (1 - shadow));
                multiply(frame, light, frame, 1 / 255.0, -1);
            }
            DoublePointer diagonal = new DoublePointer(gain * (1 - 0.25 * dusk), 0, 0, 0, gain * (1 - 0.1 * dusk), 0,
                    0, 0, gain * (1 + 0.05 * dusk));
            transform(frame, frame, new Mat(3, 3, CV_64F, diagonal));
            double k = frame.rows() / 720.0;
            switch (blur) {
                case MOTION -> {
                    int len = Math.max(3, (int) Math.round(blurAmount * k)) | 1;
                    filter2D(frame, frame, -1, new Mat(1, len, CV_32F, new Scalar(1.0 / len)));
                }
                case DEFOCUS -> GaussianBlur(frame, frame, new Size(0, 0), Math.max(0.3, blurAmount * k));
                case NONE -> {
                }
            }
            if (noise > 0) {
                Mat grain = new Mat(frame.rows(), frame.cols(), CV_16SC3);
                new RNG(seed)._fill(grain, RNG.NORMAL, new Mat(1, 1, CV_64F, new Scalar(0)),
                        new Mat(1, 1, CV_64F, new Scalar(noise)));
                add(frame, grain, frame, new Mat(), frame.type());
            }
        }
    }
}
