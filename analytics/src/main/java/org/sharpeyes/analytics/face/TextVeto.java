package org.sharpeyes.analytics.face;

import java.util.List;
import org.sharpeyes.common.Box;

/**
 * A face short of {@link #SURE_FACE} lying on a line of text is taken for text: at 20 model pixels
 * a plate's or a sign's glyphs can look like eyes and a mouth to BlazeFace, and they are most of
 * its false faces at low thresholds (ACCURACY.md).
 */
public final class TextVeto {
    /** Share of a face's box a line of text has to cover for the face to be taken for text. */
    static final double TEXT_COVER = 0.5;
    /**
     * A face this sure is a face whatever text covers it: the text detector at times boxes two
     * faces and the wall behind them as one line. Measured on the degraded stills: the faces text
     * took away scored 0.45-0.8 when false, 0.8 and more when true.
     */
    public static final float SURE_FACE = 0.8f;

    private TextVeto() {
    }

    /** Whether a face short of sure lies on one of the lines (boxes of single lines of text, a plate's or a sign's). */
    public static boolean drops(Face face, List<Box> lines) {
        if (face.score() >= SURE_FACE) {
            return false;
        }
        Box box = face.box();
        for (int i = 0; i < lines.size(); i++) { // indexed: the camera pipeline runs this
            if (lines.get(i).intersection(box) >= TEXT_COVER * box.area()) {
                return true;
            }
        }
        return false;
    }
}
