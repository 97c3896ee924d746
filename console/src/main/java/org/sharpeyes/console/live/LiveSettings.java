package org.sharpeyes.console.live;

import java.time.Duration;

/**
 * How live views behave.
 *
 * @param writeQueueBytes a viewer's socket may hold this much unsent; beyond it, media segments are
 *                        dropped until the next keyframe (the browser is too slow or too far away)
 * @param statusInterval  how often a viewer looks at its stream's pull state (reconnecting, offline)
 * @param offlineAfter    a camera lost for longer than this is reported offline rather than reconnecting
 */
public record LiveSettings(int writeQueueBytes, Duration statusInterval, Duration offlineAfter) {
    public LiveSettings {
        if (writeQueueBytes < 64 * 1024) {
            throw new IllegalArgumentException("writeQueueBytes must be >= 65536 (one keyframe must fit), got " + writeQueueBytes);
        }
        if (statusInterval.toMillis() < 1) {
            throw new IllegalArgumentException("statusInterval must be >= 1 ms, got " + statusInterval);
        }
        if (offlineAfter.isNegative()) {
            throw new IllegalArgumentException("offlineAfter must not be negative, got " + offlineAfter);
        }
    }

    public static LiveSettings defaults() {
        return new LiveSettings(1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }
}
