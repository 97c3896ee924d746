package org.sharpeyes.analytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.Box;

class BarrenWindowsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Box SIGN = new Box(320, 96, 160, 64);

    @Test
    void aWindowAtTheSamePlaceIsSkippedUntilItsHoldEnds() {
        BarrenWindows barren = new BarrenWindows();
        barren.add(SIGN, T0);
        barren.expire(T0.plus(BarrenWindows.HOLD).minusMillis(200));
        assertThat(barren.contains(new Box(322, 96, 160, 64))).as("a pixel or two off").isTrue();
        barren.expire(T0.plus(BarrenWindows.HOLD));
        assertThat(barren.contains(SIGN)).as("looked at again").isFalse();
    }

    @Test
    void aWindowThatMovedIsLookedAtAtOnce() {
        BarrenWindows barren = new BarrenWindows();
        barren.add(SIGN, T0);
        assertThat(barren.contains(new Box(352, 96, 160, 64))).as("a car 32 px on").isFalse();
        assertThat(barren.contains(new Box(320, 96, 192, 64))).as("the same plate grown nearer").isFalse();
    }
}
