package org.sharpeyes.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.face.TextVeto;
import org.sharpeyes.analytics.plate.TextQuad;
import org.sharpeyes.common.Box;

class StillTest {
    private static TextQuad quad(double x, double y, double w, double h) {
        return new TextQuad(List.of(new TextQuad.Corner(x, y), new TextQuad.Corner(x + w, y),
                new TextQuad.Corner(x + w, y + h), new TextQuad.Corner(x, y + h)), 0.9);
    }

    private static boolean onText(Box face, TextQuad... text) {
        return TextVeto.drops(new Face(face, 0.7f, new float[2 * Face.LANDMARKS]), Still.lines(List.of(text), 1920, 1080));
    }

    @Test
    void aFaceOnAPlatesTextIsTextAndOneBesideItOrAboveItIsNot() {
        TextQuad plate = quad(400, 700, 180, 45);
        assertThat(onText(new Box(450, 700, 40, 40), plate)).as("inside the plate's line").isTrue();
        assertThat(onText(new Box(560, 690, 50, 50), plate)).as("a third on it").isFalse();
        assertThat(onText(new Box(430, 560, 100, 100), plate)).as("a driver's face above the plate").isFalse();
    }

    @Test
    void aSureFaceStaysWhateverTextCoversIt() {
        // the text detector has boxed two faces and the wall behind them as one line
        TextQuad line = quad(593, 80, 276, 91);
        Box face = new Box(599, 94, 64, 64);
        assertThat(onText(face, line)).isTrue();
        assertThat(TextVeto.drops(new Face(face, TextVeto.SURE_FACE, new float[2 * Face.LANDMARKS]), Still.lines(List.of(line), 1920, 1080)))
                .isFalse();
    }

    @Test
    void aSquareTextBoxIsNoLineOfText() {
        // the text detector boxes a blurred face's eyes and mouth too; that must not take the face away
        assertThat(onText(new Box(700, 130, 110, 110), quad(698, 157, 122, 83))).isFalse();
        assertThat(onText(new Box(700, 130, 110, 110))).isFalse();
    }
}
