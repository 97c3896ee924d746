package org.sharpeyes.analytics.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.common.Box;

/** Synthetic 1080p backgrounds with the astronaut's head ({@link Astronaut}) pasted into them. */
final class FaceScenes {
    enum Background { PLAIN, NOISY, TEXTURED }

    /** A scene and where the face in it is (null when none was pasted). */
    record Scene(Mat image, Box face) implements AutoCloseable {
        @Override
        public void close() {
            image.close();
        }
    }

    private FaceScenes() {
    }

    static Mat background(Background kind, int width, int height, Random rnd) {
        Mat bg = new Mat(height, width, CV_8UC3, new Scalar(128, 128, 128, 0));
        switch (kind) {
            case PLAIN -> {
            }
            case NOISY -> {
                byte[] px = new byte[width * height * 3];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(128 + 30 * rnd.nextGaussian())));
                }
                bg.data().put(px);
            }
            case TEXTURED -> {
                try (PointerScope scope = new PointerScope()) {
                    for (int i = 0; i < 400; i++) {
                        Scalar colour = new Scalar(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 0);
                        Point a = new Point(rnd.nextInt(width), rnd.nextInt(height));
                        switch (i % 3) {
                            case 0 -> rectangle(bg, a, new Point(a.x() + rnd.nextInt(200) - 100, a.y() + rnd.nextInt(200) - 100),
                                    colour, FILLED, 8, 0);
                            case 1 -> circle(bg, a, 5 + rnd.nextInt(60), colour, FILLED, 8, 0);
                            default -> line(bg, a, new Point(rnd.nextInt(width), rnd.nextInt(height)), colour, 1 + rnd.nextInt(6), 8, 0);
                        }
                    }
                    GaussianBlur(bg, bg, new Size(3, 3), 0);
                }
            }
        }
        return bg;
    }

    /** A 1920×1080 background with the astronaut's face pasted as {@link Astronaut#paste} does. */
    static Scene withFace(Astronaut astronaut, Background kind, int faceSide, int x, int y, Random rnd) {
        Mat bg = background(kind, 1920, 1080, rnd);
        return new Scene(bg, astronaut.paste(bg, faceSide, x, y));
    }
}
