package org.sharpeyes.analytics;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.analytics.plate.PlateReader;
import org.sharpeyes.analytics.plate.TextQuad;
import org.sharpeyes.common.Box;

/**
 * The faces and plates of one picture, as {@code analyze-image} reports them. A face lying on a
 * line of plate-shaped text is dropped: at 20 model pixels a plate's or a sign's glyphs can look
 * like eyes and a mouth to BlazeFace, and they are most of its false faces at low thresholds.
 *
 * @param faces  best score first
 * @param plates top to bottom
 */
public record Still(List<Face> faces, List<PlateRead> plates) {
    /** Share of a face's box a line of text has to cover for the face to be taken for text. */
    static final double TEXT_COVER = 0.5;

    public Still {
        faces = List.copyOf(faces);
        plates = List.copyOf(plates);
    }

    /** Analyses an 8-bit BGR picture with the detectors' settings ({@link Detectors.Settings#stills} for the measured ones). */
    public static Still analyse(Detectors detectors, Mat bgr) {
        List<TextQuad> text = detectors.plates().locate(bgr, new Box(0, 0, bgr.cols(), bgr.rows()));
        List<PlateRead> plates = detectors.plates().read(bgr, text);
        List<Face> faces = new ArrayList<>(detectors.faces().detectStill(bgr));
        faces.removeIf(f -> onText(f.box(), text, bgr.cols(), bgr.rows()));
        return new Still(faces, plates);
    }

    /** Whether a single line of text (a plate's, or a plate-coloured sign's) covers most of the face's box. */
    static boolean onText(Box face, List<TextQuad> text, int width, int height) {
        for (TextQuad q : text) {
            // a square quad is no line: the text detector also boxes blurred faces themselves
            if (q.width() >= PlateReader.MIN_ASPECT * q.height()
                    && q.bounds(width, height).intersection(face) >= TEXT_COVER * face.area()) {
                return true;
            }
        }
        return false;
    }
}
