package org.sharpeyes.analytics.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.common.Box;

/** The public-domain astronaut photo (NASA, via Debian python3-skimage) and synthetic 1080p scenes around its face. */
final class FaceScenes {
    /** Hand-measured face in astronaut.png (512×512): cheek to cheek, eyebrows to chin. */
    static final Box ASTRONAUT_FACE = new Box(182, 92, 90, 87);
    /** The head with some hair, suit collar and backdrop around the face, pasted into scenes. */
    private static final Box HEAD = new Box(147, 57, 160, 157);

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

    static Path astronautPath() {
        String cache = System.getenv("SHARPEYES_CACHE");
        Path root = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "sharpeyes") : Path.of(cache);
        return root.resolve("images/astronaut.png");
    }

    static Mat astronaut() {
        Path file = astronautPath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " missing: run `./sharpeyes test` once, or its step install_face_test_image "
                    + "(apt-get download python3-skimage; dpkg -x; copy skimage/data/astronaut.png there)");
        }
        Mat image = imread(file.toString(), IMREAD_COLOR);
        if (image.empty()) {
            throw new IllegalStateException("cannot decode " + file);
        }
        return image;
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

    /** A 1920×1080 background with the astronaut's face pasted as {@link #paste} does. */
    static Scene withFace(Mat astronaut, Background kind, int faceSide, int x, int y, Random rnd) {
        Mat bg = background(kind, 1920, 1080, rnd);
        return new Scene(bg, paste(astronaut, bg, faceSide, x, y));
    }

    /**
     * Pastes the astronaut's head into {@code scene}, scaled so her face box is {@code faceSide}
     * px wide, with its face box's top-left at (x, y); returns the scaled hand-measured face box.
     */
    static Box paste(Mat astronaut, Mat scene, int faceSide, int x, int y) {
        double s = (double) faceSide / ASTRONAUT_FACE.width();
        int hx = x - (int) Math.round((ASTRONAUT_FACE.x() - HEAD.x()) * s);
        int hy = y - (int) Math.round((ASTRONAUT_FACE.y() - HEAD.y()) * s);
        int hw = (int) Math.round(HEAD.width() * s);
        int hh = (int) Math.round(HEAD.height() * s);
        try (PointerScope scope = new PointerScope()) {
            Mat head = new Mat();
            resize(new Mat(astronaut, new Rect(HEAD.x(), HEAD.y(), HEAD.width(), HEAD.height())), head, new Size(hw, hh), 0, 0,
                    INTER_AREA);
            head.copyTo(new Mat(scene, new Rect(hx, hy, hw, hh)));
        }
        return new Box(x, y, faceSide, (int) Math.round(ASTRONAUT_FACE.height() * s));
    }

    static double iou(Box a, Box b) {
        int iw = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        int ih = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        double inner = (double) iw * ih;
        return inner / ((double) a.width() * a.height() + (double) b.width() * b.height() - inner);
    }
}
