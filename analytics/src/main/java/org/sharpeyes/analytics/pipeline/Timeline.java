package org.sharpeyes.analytics.pipeline;

import java.time.Clock;
import java.time.Instant;
import org.sharpeyes.gateway.hub.Packet;

/** When a decoded picture happened, from the packet that completed it and the picture's own time. */
public interface Timeline {
    Instant time(Packet completing, long picturePts);

    /**
     * A live camera: the wall-clock time the completing packet arrived, less how far the picture's
     * presentation time lies before that packet's (B-frames come out after later packets). The
     * camera's own clock is not trusted for absolute time: many cameras never sync it.
     */
    static Timeline live(Clock clock) {
        return (p, pts) -> {
            long sinceReceipt = System.nanoTime() - p.receivedNanos();
            long reorder = Math.max(0, p.pts() - pts) * 1_000_000_000L / Packet.TIME_BASE;
            return clock.instant().minusNanos(sinceReceipt + reorder);
        };
    }

    /** A recording: {@code start} plus the picture's presentation time (in 90 kHz ticks, from 0). */
    static Timeline media(Instant start) {
        return (p, pts) -> start.plusSeconds(pts / Packet.TIME_BASE)
                .plusNanos(pts % Packet.TIME_BASE * 1_000_000_000L / Packet.TIME_BASE);
    }
}
