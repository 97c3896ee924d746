package org.sharpeyes.analytics.tracker;

import java.time.Duration;
import java.util.Objects;

/**
 * How the tracker associates detections and what an event keeps.
 *
 * @param iouThreshold     least overlap (intersection over union) between a track's box, as
 *                         last seen or as predicted from its motion, and a detection for them to
 *                         be the same object; plates with the same text join regardless
 * @param maxGap           a track ends when nothing matched it for this long in analysed frames
 * @param maxDuration      a pass longer than this is emitted as an event and the track goes on
 *                         as a new pass (same track id), so a parked car cannot hold its event back
 * @param minFrames        passes seen in fewer frames are dropped as noise, but for a plate read in
 *                         a frame with motion (not only by a full pass), which counts from one
 * @param snapshotMaxWidth full-frame snapshots wider than this are scaled down to it
 * @param jpegQuality      JPEG quality of snapshots and crops, 1..100
 * @param cropMargin       crops add this fraction of the box's width and height on each side
 */
public record TrackerSettings(double iouThreshold, Duration maxGap, Duration maxDuration, int minFrames,
                              int snapshotMaxWidth, int jpegQuality, double cropMargin) {
    /**
     * At 5 analysed fps a 2 s gap is 10 missed frames, enough to bridge a plate hidden by a
     * passer-by; one event a minute bounds the delay for an object that stays in view.
     */
    public static final TrackerSettings DEFAULTS = new TrackerSettings(0.3, Duration.ofSeconds(2),
            Duration.ofSeconds(60), 2, 1280, 80, 0.25);

    public TrackerSettings {
        Objects.requireNonNull(maxGap, "maxGap");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("iouThreshold must be in (0,1], got " + iouThreshold);
        }
        if (maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("maxGap must be positive, got " + maxGap);
        }
        if (maxDuration.compareTo(maxGap) <= 0) {
            throw new IllegalArgumentException("maxDuration must be longer than maxGap, got " + maxDuration + " <= " + maxGap);
        }
        if (minFrames < 1) {
            throw new IllegalArgumentException("minFrames must be >= 1, got " + minFrames);
        }
        if (snapshotMaxWidth < 64) {
            throw new IllegalArgumentException("snapshotMaxWidth must be >= 64, got " + snapshotMaxWidth);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be in 1..100, got " + jpegQuality);
        }
        if (!(cropMargin >= 0 && cropMargin <= 2)) {
            throw new IllegalArgumentException("cropMargin must be in [0,2], got " + cropMargin);
        }
    }
}
