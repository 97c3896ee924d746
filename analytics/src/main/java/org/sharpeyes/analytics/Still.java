package org.sharpeyes.analytics;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.face.TextVeto;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.analytics.plate.PlateReader;
import org.sharpeyes.analytics.plate.TextQuad;
import org.sharpeyes.common.Box;

/**
 * The faces and plates of one picture, as {@code analyze-image} reports them. A face lying on a
 * line of plate-shaped text is dropped as {@link TextVeto} says.
 *
 * @param faces  best score first
 * @param plates top to bottom
 */
public record Still(List<Face> faces, List<PlateRead> plates) {
    public Still {
        faces = List.copyOf(faces);
        plates = List.copyOf(plates);
    }

    /** Analyses an 8-bit BGR picture with the detectors' settings ({@link Detectors.Settings#stills} for the measured ones). */
    public static Still analyse(Detectors detectors, Mat bgr) {
        List<TextQuad> text = detectors.plates().locate(bgr, new Box(0, 0, bgr.cols(), bgr.rows()));
        List<PlateRead> plates = detectors.plates().read(bgr, text);
        List<Box> lines = lines(text, bgr.cols(), bgr.rows());
        List<Face> faces = new ArrayList<>(detectors.faces().detectStill(bgr));
        faces.removeIf(f -> TextVeto.drops(f, lines));
        return new Still(faces, plates);
    }

    /** The quads that are single lines of text (a plate's, or a plate-coloured sign's), as boxes in the picture. */
    static List<Box> lines(List<TextQuad> text, int width, int height) {
        List<Box> lines = new ArrayList<>();
        for (TextQuad q : text) {
            // a square quad is no line: the text detector also boxes blurred faces themselves
            if (q.width() >= PlateReader.MIN_ASPECT * q.height()) {
                lines.add(q.bounds(width, height));
            }
        }
        return lines;
    }
}
