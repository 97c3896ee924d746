package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
    void boundsAreClippedToTheImage() {
        assertThat(rect(-5, 10, 50, 20).bounds(40, 25)).isEqualTo(new org.sharpeyes.common.Box(0, 10, 40, 15));
    }
}
