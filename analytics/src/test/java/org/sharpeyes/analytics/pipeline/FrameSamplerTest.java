package org.sharpeyes.analytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {
    private static final long FRAME = 3600; // 25 fps in 90 kHz ticks

    private static List<Integer> takenOf(FrameSampler sampler, long[] pts) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < pts.length; i++) {
            if (sampler.take(pts[i])) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void aCameraAt25FpsSampledAt5GivesEveryFifthFrame() {
        long[] pts = new long[26];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = 1_000_000 + i * FRAME;
        }
        assertThat(takenOf(new FrameSampler(5), pts)).containsExactly(0, 5, 10, 15, 20, 25);
    }

    @Test
    void aJumpInTimeStartsTheSlotsAgainFromTheFrameSeen() {
        FrameSampler sampler = new FrameSampler(5);
        assertThat(sampler.take(900_000)).isTrue();
        assertThat(sampler.take(900_000 + FRAME)).isFalse();
        assertThat(sampler.take(10_000)).as("clock went back (a reconnect)").isTrue();
        assertThat(sampler.take(10_000 + FRAME)).isFalse();
        assertThat(sampler.take(10_000 + 5 * FRAME)).isTrue();
    }

    @Test
    void afterAResetTheNextFrameIsTaken() {
        FrameSampler sampler = new FrameSampler(5);
        assertThat(sampler.take(0)).isTrue();
        sampler.reset();
        assertThat(sampler.take(FRAME)).isTrue();
    }

    @Test
    void ratesOfZeroOrAboveSixtyPerSecondAreRefused() {
        assertThatThrownBy(() -> new FrameSampler(0)).hasMessageContaining("analysis fps");
        assertThatThrownBy(() -> new FrameSampler(61)).hasMessageContaining("(0,60]");
        assertThatThrownBy(() -> new FrameSampler(Double.NaN)).hasMessageContaining("analysis fps");
    }
}
