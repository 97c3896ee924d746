package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.common.Box;

/**
 * The public-domain astronaut photo (NASA; {@code skimage/data/astronaut.png} from Debian's
 * python3-skimage, installed by {@code ./sharpeyes test}) and her head pasted into scenes.
 */
public final class Astronaut implements AutoCloseable {
    /** Hand-measured face in astronaut.png (512×512): cheek to cheek, eyebrows to chin. */
    public static final Box FACE = new Box(182, 92, 90, 87);
    /** The head with some hair, suit collar and backdrop around the face. */
    static final Box HEAD = new Box(147, 57, 160, 157);
    /** The ellipse pasted from {@link #HEAD}, as fractions of its width and height: the face and most hair, little backdrop. */
    static final double MASK_WIDTH = 0.82;
    static final double MASK_HEIGHT = 0.94;

    private final Mat image;
    private final Mat head;

    private Astronaut(Mat image) {
        this.image = image;
        this.head = new Mat(image, new Rect(HEAD.x(), HEAD.y(), HEAD.width(), HEAD.height()));
    }

    /** {@code ${SHARPEYES_CACHE:-~/.cache/sharpeyes}/images/astronaut.png}. */
    public static Path path() {
        String cache = System.getenv("SHARPEYES_CACHE");
        Path root = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "sharpeyes")
                : Path.of(cache);
        return root.resolve("images/astronaut.png");
    }

    public static boolean available() {
        return Files.isRegularFile(path());
    }

    public static Astronaut load() {
        Path file = path();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " missing: run `./sharpeyes test` once, or its step install_face_test_image "
                    + "(apt-get download python3-skimage; dpkg -x; copy skimage/data/astronaut.png there)");
        }
        Mat img = imread(file.toString(), IMREAD_COLOR);
        if (img.empty()) {
            img.close();
            throw new IllegalStateException("cannot decode " + file);
        }
        return new Astronaut(img);
    }

    /** The whole 512×512 photo (owned by this object). */
    public Mat image() {
        return image;
    }

    /** Width over height of the head patch pasted around a face. */
    static double headAspect() {
        return (double) HEAD.width() / HEAD.height();
    }

    /**
     * Pastes her head into {@code scene}, scaled so the face box is {@code faceWidth} px wide with
     * its top-left at (x, y); the parts outside the scene are cut off.
     *
     * @return the face box in scene pixels, unclipped
     */
    public Box paste(Mat scene, int faceWidth, int x, int y) {
        Box patch = headBox(faceWidth, x, y);
        Rect inside = clip(patch, scene.cols(), scene.rows());
        if (inside != null) {
            try (PointerScope scope = new PointerScope()) {
                Mat scaled = new Mat();
                resize(head, scaled, new Size(patch.width(), patch.height()), 0, 0, INTER_AREA);
                Mat mask = new Mat(patch.height(), patch.width(), CV_8UC1, new Scalar(0));
                ellipse(mask, new Point(patch.width() / 2, patch.height() / 2), new Size((int) Math.round(patch.width() * MASK_WIDTH / 2),
                        (int) Math.round(patch.height() * MASK_HEIGHT / 2)), 0, 0, 360, new Scalar(255), FILLED, LINE_8, 0);
                Rect from = new Rect(inside.x() - patch.x(), inside.y() - patch.y(), inside.width(), inside.height());
                new Mat(scaled, from).copyTo(new Mat(scene, inside), new Mat(mask, from));
            }
        }
        double s = (double) faceWidth / FACE.width();
        return new Box(x, y, faceWidth, (int) Math.round(FACE.height() * s));
    }

    /** Where {@link #paste} puts the head patch (the box the ellipse is centred in), unclipped. */
    static Box headBox(int faceWidth, int x, int y) {
        double s = (double) faceWidth / FACE.width();
        return new Box(x - (int) Math.round((FACE.x() - HEAD.x()) * s), y - (int) Math.round((FACE.y() - HEAD.y()) * s),
                Math.max(1, (int) Math.round(HEAD.width() * s)), Math.max(1, (int) Math.round(HEAD.height() * s)));
    }

    /** The part of a box inside a width×height image, or null when none is. */
    static Rect clip(Box b, int width, int height) {
        int x0 = Math.max(0, b.x());
        int y0 = Math.max(0, b.y());
        int x1 = Math.min(width, b.x() + b.width());
        int y1 = Math.min(height, b.y() + b.height());
        return x1 > x0 && y1 > y0 ? new Rect(x0, y0, x1 - x0, y1 - y0) : null;
    }

    @Override
    public void close() {
        head.close();
        image.close();
    }
}
