package org.sharpeyes.analytics.pipeline;

import org.sharpeyes.gateway.hub.Packet;

/**
 * Picks the frames to analyse at a fixed rate from presentation times (90 kHz): a frame is due
 * once its time reaches the next slot; slots advance by the interval, so a 25 fps camera
 * sampled at 5 fps gives every fifth frame, and a 15 fps one sampled at 9 fps alternates gaps
 * of one and two frames. A jump in time (a reconnect, a wrapped clock, a
 * stall) starts the slots again from the frame seen.
 */
final class FrameSampler {
    private final long interval;
    /** Up to this much early still counts as due: camera timestamps jitter by a few ms. */
    private final long slack;
    private long next;
    private boolean started;

    FrameSampler(double fps) {
        if (!(fps > 0 && fps <= 60)) {
            throw new IllegalArgumentException("analysis fps must be in (0,60], got " + fps);
        }
        interval = Math.max(1, Math.round(Packet.TIME_BASE / fps));
        slack = interval / 8;
    }

    long interval() {
        return interval;
    }

    /** Whether a frame with this time would be taken, without taking it. */
    boolean due(long pts) {
        return !started || pts + slack >= next || jumped(pts);
    }

    /** Takes the frame when it is due. */
    boolean take(long pts) {
        if (!due(pts)) {
            return false;
        }
        // slots keep their phase, so the average rate is right whatever the camera's rate; after lost
        // frames they restart at least half an interval on, so there is no burst to catch up
        next = started && !jumped(pts) ? Math.max(next + interval, pts + interval / 2) : pts + interval;
        started = true;
        return true;
    }

    void reset() {
        started = false;
    }

    /** Backwards, or more than a few slots ahead. */
    private boolean jumped(long pts) {
        return started && (pts < next - 2 * interval || pts > next + 4 * interval);
    }
}
