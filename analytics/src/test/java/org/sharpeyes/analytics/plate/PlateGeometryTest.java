package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.Box;

class PlateGeometryTest {
    private static TextQuad rect(double x, double y, double w, double h) {
        return new TextQuad(List.of(new TextQuad.Corner(x, y), new TextQuad.Corner(x + w, y),
                new TextQuad.Corner(x + w, y + h), new TextQuad.Corner(x, y + h)), 0.9);
    }

    @Test
    void aPlateSplitAtItsSeparatorIsOneLine() {
        TextQuad head = rect(100, 50, 40, 30);
        TextQuad serial = rect(150, 51, 110, 30);
        assertThat(PlateReader.sideBySide(head, serial)).isTrue();
        assertThat(PlateReader.sideBySide(serial, head)).as("order matters: head comes first").isFalse();
        assertThat(PlateReader.sideBySide(head, rect(250, 50, 110, 30))).as("too far apart").isFalse();
        assertThat(PlateReader.sideBySide(head, rect(150, 75, 110, 30))).as("another line").isFalse();
        assertThat(PlateReader.sideBySide(head, rect(150, 40, 110, 60))).as("twice as tall").isFalse();
    }

    @Test
    void theUpperLineOfATwoLinePlateSitsCentredAboveTheSerial() {
        TextQuad upper = rect(130, 40, 60, 25);
        TextQuad serial = rect(100, 70, 140, 45);
        assertThat(PlateReader.stacked(upper, serial)).isTrue();
        assertThat(PlateReader.stacked(serial, upper)).isFalse();
        assertThat(PlateReader.stacked(upper, rect(100, 140, 140, 45))).as("far below").isFalse();
        assertThat(PlateReader.stacked(upper, rect(300, 70, 140, 45))).as("beside, not under").isFalse();
    }

    @Test
    void textFoundInAWindowCutThroughALineIsAPieceOfThatLine() {
        // as a 420 px two-line plate at 720p: its upper line whole, and the part a cut window saw
        Box line = new Box(818, 418, 222, 79);
        assertThat(PlateReader.piece(new Box(818, 418, 94, 78), line)).isTrue();
        assertThat(PlateReader.piece(line, new Box(818, 418, 94, 78))).as("the whole is no piece of its part").isFalse();
        assertThat(PlateReader.piece(new Box(860, 430, 60, 30), line)).as("a smaller text inside: not as tall").isFalse();
        assertThat(PlateReader.piece(new Box(734, 493, 386, 129), line)).as("the line under it").isFalse();
    }

    @Test
    void boundsAreClippedToTheImage() {
        assertThat(rect(-5, 10, 50, 20).bounds(40, 25)).isEqualTo(new Box(0, 10, 40, 15));
    }

    @Test
    void aLengthenedQuadGrowsAlongItsTiltByHeightsAtEitherEnd() {
        // a 100×20 quad tilted so that its top edge runs along (0.8, 0.6)
        TextQuad tilted = new TextQuad(List.of(new TextQuad.Corner(0, 0), new TextQuad.Corner(80, 60),
                new TextQuad.Corner(68, 76), new TextQuad.Corner(-12, 16)), 0.7);
        TextQuad longer = tilted.lengthened(0.5, 1.0);
        assertThat(longer.width()).isCloseTo(100 + 10 + 20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(longer.height()).isCloseTo(tilted.height(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(longer.corners().get(0)).isEqualTo(new TextQuad.Corner(-8, -6));
        assertThat(longer.corners().get(1)).isEqualTo(new TextQuad.Corner(96, 72));
        assertThat(longer.corners().get(2)).isEqualTo(new TextQuad.Corner(84, 88));
        assertThat(longer.corners().get(3)).isEqualTo(new TextQuad.Corner(-20, 10));
        assertThat(longer.score()).isEqualTo(0.7);
        assertThat(rect(10, 10, 50, 20).lengthened(0, 0)).isEqualTo(rect(10, 10, 50, 20));
    }
}
