package org.sharpeyes.analytics.tracker;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.pipeline.AnalysedFrame;
import org.sharpeyes.analytics.plate.PlateFormat;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.PlateColor;

/**
 * One camera's 1280×720 frames at 5 fps, drawn into one reused Mat as the pipeline lends its
 * buffer: each frame overwrites the last, so a tracker that kept the Mat would see the wrong
 * picture. Plates are drawn as blue boxes, faces as checkerboards (sharp) or blurred ones.
 */
final class Scene implements AutoCloseable {
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final Duration STEP = Duration.ofMillis(200);

    final UUID camera = UUID.randomUUID();
    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Mat bgr = new Mat(HEIGHT, WIDTH, CV_8UC3);
    private long seq;

    Instant time(int frame) {
        return start.plus(STEP.multipliedBy(frame));
    }

    /** Frame number {@code frame} with motion and these detections drawn. */
    AnalysedFrame frame(int frame, List<PlateRead> plates, List<Face> faces) {
        return draw(frame, plates, faces);
    }

    AnalysedFrame plates(int frame, PlateRead... plates) {
        return draw(frame, List.of(plates), List.of());
    }

    /** Frame number {@code frame} seen only by a periodic full pass (nothing moved) with these plates drawn. */
    AnalysedFrame fullPass(int frame, PlateRead... plates) {
        AnalysedFrame f = draw(frame, List.of(plates), List.of());
        return new AnalysedFrame(f.cameraId(), f.seq(), f.time(), f.bgr(), f.plates(), f.faces(), List.of(), false);
    }

    AnalysedFrame faces(int frame, Face... faces) {
        return draw(frame, List.of(), List.of(faces));
    }

    /** A frame the motion gate let through with nothing found. */
    AnalysedFrame empty(int frame) {
        return draw(frame, List.of(), List.of());
    }

    private AnalysedFrame draw(int frame, List<PlateRead> plates, List<Face> faces) {
        try (PointerScope scope = new PointerScope()) {
            bgr.put(new Scalar(90, 100, 110, 0));
            for (PlateRead p : plates) {
                Box b = p.box();
                rectangle(bgr, new Point(b.x(), b.y()), new Point(b.x() + b.width(), b.y() + b.height()),
                        new Scalar(160, 60, 20, 0), FILLED, 8, 0);
            }
            for (Face f : faces) {
                drawFace(f.box(), f.score() < 0.6f);
            }
        }
        return new AnalysedFrame(camera, seq++, time(frame), bgr, plates, faces);
    }

    private void drawFace(Box b, boolean blurred) {
        Mat region = new Mat(bgr, new Rect(b.x(), b.y(), b.width(), b.height()));
        int cell = Math.max(2, b.width() / 8);
        for (int y = 0; y < b.height(); y += cell) {
            for (int x = 0; x < b.width(); x += cell) {
                int v = ((x / cell + y / cell) % 2 == 0) ? 230 : 30;
                rectangle(region, new Point(x, y), new Point(x + cell - 1, y + cell - 1), new Scalar(v, v, v, 0), FILLED, 8, 0);
            }
        }
        if (blurred) {
            GaussianBlur(region, region, new Size(0, 0), cell);
        }
    }

    static PlateRead plate(String text, Box box, double score) {
        return new PlateRead(text, PlateFormat.Kind.ORDINARY, PlateColor.BLUE, box, score);
    }

    /**
     * A frontal face (eyes level, nose between them); a detector score under 0.6 draws it
     * blurred, so its quality is lower than a sharp face of the same size.
     */
    static Face face(Box b, float score) {
        float[] lm = {
            b.x() + 0.3f * b.width(), b.y() + 0.4f * b.height(),
            b.x() + 0.7f * b.width(), b.y() + 0.4f * b.height(),
            b.x() + 0.5f * b.width(), b.y() + 0.6f * b.height(),
            b.x() + 0.5f * b.width(), b.y() + 0.8f * b.height(),
            b.x(), b.y() + 0.5f * b.height(),
            b.x() + b.width(), b.y() + 0.5f * b.height(),
        };
        return new Face(b, score, lm);
    }

    /** A box moved right by {@code dx} per frame. */
    static Box moving(Box at0, int frame, int dx, int dy) {
        return new Box(at0.x() + frame * dx, at0.y() + frame * dy, at0.width(), at0.height());
    }

    static BufferedImage decodeJpeg(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("not a decodable image (" + bytes.length + " bytes)");
        }
        return image;
    }

    @Override
    public void close() {
        bgr.close();
    }
}
