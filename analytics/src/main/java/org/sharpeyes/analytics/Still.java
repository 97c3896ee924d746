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
 * The faces and plates of one picture, as {@code analyze-image} reports them. A face short of
 * {@link #SURE_FACE} lying on a line of plate-shaped text is dropped: at 20 model pixels a plate's
 * or a sign's glyphs can look like eyes and a mouth to BlazeFace, and they are most of its false
 * faces at low thresholds.
 *
 * @param faces  best score first
 * @param plates top to bottom
 */
public record Still(List<Face> faces, List<PlateRead> plates) {
    /** Share of a face's box a line of text has to cover for the face to be taken for text. */
    static final double TEXT_COVER = 0.5;
    /**
     * A face this sure is a face whatever text covers it: the text detector at times boxes two
     * faces and the wall behind them as one line. Measured on the degraded stills: the faces text
     * took away scored 0.45-0.8 when false, 0.8 and more when true.
     */
    static final float SURE_FACE = 0.8f;

    public Still {
        faces = List.copyOf(faces);
        plates = List.copyOf(plates);
    }

    /** Analyses an 8-bit BGR picture with the detectors' settings ({@link Detectors.Settings#stills} for the measured ones). */
    public static Still analyse(Detectors detectors, Mat bgr) {
        List<TextQuad> text = detectors.plates().locate(bgr, new Box(0, 0, bgr.cols(), bgr.rows()));
        List<PlateRead> plates = detectors.plates().read(bgr, text);
        List<Face> faces = new ArrayList<>(detectors.faces().detectStill(bgr));
        faces.removeIf(f -> takenForText(f, text, bgr.cols(), bgr.rows()));
        return new Still(faces, plates);
    }

    /** Whether a face short of sure lies on a single line of text (a plate's, or a plate-coloured sign's) covering most of its box. */
    static boolean takenForText(Face face, List<TextQuad> text, int width, int height) {
        if (face.score() >= SURE_FACE) {
            return false;
        }
        Box box = face.box();
        for (TextQuad q : text) {
            // a square quad is no line: the text detector also boxes blurred faces themselves
            if (q.width() >= PlateReader.MIN_ASPECT * q.height()
                    && q.bounds(width, height).intersection(box) >= TEXT_COVER * box.area()) {
                return true;
            }
        }
        return false;
    }
}
