package org.sharpeyes.analytics.plate;

import org.sharpeyes.common.Box;
import org.sharpeyes.common.PlateColor;

/**
 * One plate read from an image.
 *
 * @param text  normalised plate number (see {@link org.sharpeyes.common.PlateText#normalise}), GA 36 valid
 * @param box   the plate characters' bounds in image pixels
 * @param score mean recognition probability of the characters (0..1)
 */
public record PlateRead(String text, PlateFormat.Kind kind, PlateColor color, Box box, double score) {
}
