package org.sharpeyes.gateway.rtsp;

import java.time.Duration;

/**
 * How the gateway pulls RTSP.
 *
 * @param ioTimeout   longest wait for the camera during connect or any read (RTSP over TCP); past it
 *                    the read is interrupted and the camera counts as OFFLINE
 * @param backoffMin  first reconnect delay; doubles per failed attempt
 * @param backoffMax  cap of the reconnect delay; at 5 s a camera is back ONLINE within ~6 s of its return
 * @param stableAfter a connection that delivered packets this long resets the backoff, so a flapping
 *                    camera keeps backing off
 */
public record RtspSettings(Duration ioTimeout, Duration backoffMin, Duration backoffMax, Duration stableAfter) {
    public RtspSettings {
        if (ioTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("ioTimeout must be at least 100 ms, got " + ioTimeout);
        }
        if (backoffMin.isNegative() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("need 0 <= backoffMin <= backoffMax, got " + backoffMin + ", " + backoffMax);
        }
    }

    public static RtspSettings defaults() {
        return new RtspSettings(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
