package org.sharpeyes.analytics.pipeline;

import org.sharpeyes.common.Box;

/**
 * A plate whose text its tracker has settled, and where the plate is expected in the frame being
 * analysed: a candidate window over it need not be read again, only reported as seen.
 *
 * @param trackId the tracker's id for it, handed back in {@link AnalysedFrame#keptTracks}
 * @param box     its last box moved on by its motion, in frame pixels
 */
public record SettledPlate(long trackId, Box box) {
}
