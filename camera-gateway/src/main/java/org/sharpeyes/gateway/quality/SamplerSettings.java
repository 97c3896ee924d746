package org.sharpeyes.gateway.quality;

import java.time.Duration;

/**
 * How {@link QualitySampler} visits the cameras whose frames nobody else decodes.
 *
 * @param interval      every target camera is visited once per interval; the visits are spread evenly
 *                      over it ({@code gateway.quality.sampleInterval})
 * @param maxConcurrent visits decoding at once, per node: each one decodes about a second of video
 *                      ({@code gateway.quality.maxConcurrent})
 * @param timeout       a visit that has no picture by then ends without a report; the stream's own
 *                      health shows why ({@code gateway.quality.sampleTimeout})
 * @param frameGap      the two frames of a visit are at least this far apart in capture time, so a
 *                      frozen picture shows within one visit as well as across visits
 */
public record SamplerSettings(Duration interval, int maxConcurrent, Duration timeout, Duration frameGap) {
    public static final SamplerSettings DEFAULTS = new SamplerSettings(Duration.ofMinutes(5), 4, Duration.ofSeconds(15),
            Duration.ofSeconds(1));

    public SamplerSettings {
        positive("interval", interval);
        positive("timeout", timeout);
        if (frameGap == null || frameGap.isNegative()) {
            throw new IllegalArgumentException("frameGap must be a non-negative duration, got " + frameGap);
        }
        if (frameGap.compareTo(timeout) >= 0) {
            throw new IllegalArgumentException("frameGap (" + frameGap + ") must be shorter than timeout (" + timeout + ")");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
