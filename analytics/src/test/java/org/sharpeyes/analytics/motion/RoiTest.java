package org.sharpeyes.analytics.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.AnalyticsSettings.Point;
import org.sharpeyes.common.Box;

class RoiTest {
    /** A triangle over the lower left half of the frame. */
    private static final Roi TRIANGLE = new Roi(List.of(new Point(0, 0), new Point(1, 1), new Point(0, 1)));

    @Test
    void noPolygonMeansTheWholeFrame() {
        Roi whole = new Roi(List.of());
        assertThat(whole.whole()).isTrue();
        assertThat(whole.contains(0.99, 0.01)).isTrue();
        assertThat(whole.bounds(640, 360)).isEqualTo(new Box(0, 0, 640, 360));
    }

    @Test
    void containsFollowsThePolygonAndBoundsAreItsBoxInPixels() {
        assertThat(TRIANGLE.contains(0.2, 0.8)).isTrue();
        assertThat(TRIANGLE.contains(0.8, 0.2)).isFalse();
        assertThat(TRIANGLE.containsCentre(new Box(100, 500, 50, 50), 1280, 720)).isTrue();
        assertThat(TRIANGLE.containsCentre(new Box(1000, 50, 50, 50), 1280, 720)).isFalse();
        Roi band = new Roi(List.of(new Point(0.25, 0.5), new Point(0.75, 0.5), new Point(0.75, 1), new Point(0.25, 1)));
        assertThat(band.bounds(1280, 720)).isEqualTo(new Box(320, 360, 640, 360));
    }

    @Test
    void verticesOutsideTheFrameAreClampedAndTooFewVerticesAreRefused() {
        Roi over = new Roi(List.of(new Point(-1, -1), new Point(2, -1), new Point(2, 2), new Point(-1, 2)));
        assertThat(over.bounds(640, 360)).isEqualTo(new Box(0, 0, 640, 360));
        assertThatThrownBy(() -> new Roi(List.of(new Point(0, 0), new Point(1, 1)))).hasMessageContaining("at least 3");
    }
}
