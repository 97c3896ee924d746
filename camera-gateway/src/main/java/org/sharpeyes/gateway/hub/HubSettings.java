package org.sharpeyes.gateway.hub;

import java.time.Duration;

/**
 * How a hub fans out.
 *
 * @param queuePackets     per-subscriber queue length; a subscriber this far behind loses packets
 *                         until the next keyframe (256 ≈ 10 s at 25 fps)
 * @param idleTimeout      how long a stream keeps being pulled after its last subscriber left
 * @param gopCacheMaxBytes largest GOP kept for late subscribers; a longer GOP is not cached and a new
 *                         subscriber then waits for the next keyframe
 */
public record HubSettings(int queuePackets, Duration idleTimeout, long gopCacheMaxBytes) {
    public HubSettings {
        if (queuePackets < 2) {
            throw new IllegalArgumentException("queuePackets must be >= 2, got " + queuePackets);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative, got " + idleTimeout);
        }
        if (gopCacheMaxBytes < 0) {
            throw new IllegalArgumentException("gopCacheMaxBytes must not be negative, got " + gopCacheMaxBytes);
        }
    }

    public static HubSettings defaults() {
        return new HubSettings(256, Duration.ofSeconds(30), 8L << 20);
    }
}
