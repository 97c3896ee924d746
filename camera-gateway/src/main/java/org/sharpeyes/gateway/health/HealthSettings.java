package org.sharpeyes.gateway.health;

import java.time.Duration;

/**
 * How health is judged.
 *
 * @param offlineAfter   a pulled camera with no packet for this long is OFFLINE
 * @param minFpsRatio    a pulled camera below this fraction of its nominal frame rate is DEGRADED
 * @param qualityMaxAge  a picture diagnosis older than this no longer counts
 * @param sampleInterval how often every camera's health goes to storage (status changes go at once)
 */
public record HealthSettings(Duration offlineAfter, double minFpsRatio, Duration qualityMaxAge, Duration sampleInterval) {
    public static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(10), 0.5, Duration.ofMinutes(5),
            Duration.ofSeconds(60));

    public HealthSettings {
        positive("offlineAfter", offlineAfter);
        positive("qualityMaxAge", qualityMaxAge);
        positive("sampleInterval", sampleInterval);
        if (!(minFpsRatio >= 0 && minFpsRatio <= 1)) {
            throw new IllegalArgumentException("minFpsRatio must be in [0, 1], got " + minFpsRatio);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
