package org.sharpeyes.analytics.pipeline;

/** The steps a frame goes through, timed separately (see {@link StageTimes}). */
public enum Stage {
    /** FFmpeg decoding of every packet, including frames not analysed. */
    DECODE,
    /** Grey thumbnail for the motion gate, and the motion gate itself. */
    MOTION,
    /** Full-size BGR conversion of frames the detectors look at. */
    CONVERT,
    FACE,
    /** Plate-shaped windows of a motion region, found without a network. */
    PLATE_CANDIDATES,
    /** Text detection (DB-net) in those windows. */
    PLATE_LOCATE,
    PLATE_READ,
    /** Association, voting, snapshots and handing events over. */
    TRACK
}
