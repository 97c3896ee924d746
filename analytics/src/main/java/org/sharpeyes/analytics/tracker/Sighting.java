package org.sharpeyes.analytics.tracker;

import org.sharpeyes.common.Box;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.PlateColor;

/**
 * One plate read or face in one frame, as the tracker weighs it.
 *
 * @param quality    what picks a pass's best frame: the read score of a plate, the
 *                   {@link org.sharpeyes.analytics.face.FaceQuality} of a face
 * @param confidence the detector's confidence (equal to quality for plates)
 * @param text       normalised plate text, null for faces
 */
record Sighting(DetectionKind kind, Box box, double quality, float confidence, String text, PlateColor color) {
}
