package org.sharpeyes.analytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.sharpeyes.gateway.hub.Packet;

class FrameSamplerProperties {
    /** Frames of a camera at {@code cameraFps} with up to ±jitter ticks on each timestamp, from {@code start}. */
    private static List<Long> taken(double analysisFps, int cameraFps, int jitter, long start, int frames, long seed) {
        FrameSampler sampler = new FrameSampler(analysisFps);
        java.util.Random rnd = new java.util.Random(seed);
        List<Long> out = new ArrayList<>();
        long period = Packet.TIME_BASE / cameraFps;
        for (int i = 0; i < frames; i++) {
            long pts = start + i * period + (jitter == 0 ? 0 : rnd.nextInt(2 * jitter + 1) - jitter);
            if (sampler.take(pts)) {
                out.add(pts);
            }
        }
        return out;
    }

    @Property
    void takesCloseToTheAnalysisRateAndNeverTwoFramesMuchCloserThanItsInterval(
            @ForAll @DoubleRange(min = 0.5, max = 12) double analysisFps, @ForAll @IntRange(min = 15, max = 30) int cameraFps,
            @ForAll @IntRange(min = 0, max = 300) int jitter, @ForAll @LongRange(min = 0, max = 1L << 40) long start,
            @ForAll long seed) {
        int frames = cameraFps * 20;
        List<Long> taken = taken(analysisFps, cameraFps, jitter, start, frames, seed);
        double interval = Packet.TIME_BASE / analysisFps;
        double effective = Math.min(analysisFps, cameraFps);
        // over 20 s: the analysis rate, or every frame when the camera is slower, within a frame either way
        assertThat((double) taken.size()).isBetween(20 * effective * 0.85 - 1, 20 * effective + 1);
        for (int i = 1; i < taken.size(); i++) {
            long gap = taken.get(i) - taken.get(i - 1);
            assertThat((double) gap).isGreaterThanOrEqualTo(Math.min(interval, Packet.TIME_BASE / (double) cameraFps) * 0.75 - 2 * jitter);
        }
    }

    @Property
    void aFrameReportedDueIsTakenAndOneNotDueIsNot(@ForAll @DoubleRange(min = 0.5, max = 12) double analysisFps,
                                                  @ForAll @LongRange(min = 0, max = 1L << 40) long start) {
        FrameSampler sampler = new FrameSampler(analysisFps);
        for (int i = 0; i < 200; i++) {
            long pts = start + i * 3600L;
            boolean due = sampler.due(pts);
            assertThat(sampler.take(pts)).isEqualTo(due);
        }
    }
}
