package org.sharpeyes.gateway.quality;

/** A picture-quality fault. Each has one score; {@link QualityThresholds} says when it is a fault. */
public enum Fault {
    /** No picture: a uniform frame (black, blue, grey "no video") or colour bars. */
    SIGNAL_LOSS,
    /** The picture has not changed across several samples spanning a minimum time. */
    FROZEN,
    /** Out of focus: edges are wide. */
    BLUR,
    /** A large part of the frame is without texture (lens cover, sticker, foliage) while the rest is not. */
    OCCLUSION,
    /** The whole picture is tinted: chroma is offset far more than it varies. */
    COLOUR_CAST,
    TOO_DARK,
    TOO_BRIGHT,
    /** Strong grain: high-frequency residual in flat regions. */
    NOISE
}
