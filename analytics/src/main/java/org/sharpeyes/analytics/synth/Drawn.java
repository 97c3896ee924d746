package org.sharpeyes.analytics.synth;

import java.util.List;
import org.sharpeyes.common.Box;

/** A ground-truth object as drawn: its label in the canvas and its whole extent, before anything hid it. */
sealed interface Drawn {
    int trackId();

    int label();

    /** Pixel bounds of the whole object, unclipped. */
    Box bounds();

    /** Its whole area in pixels. */
    double area();

    /** A plate: the pixel quad it was warped onto. */
    record Plate(int trackId, int label, List<double[]> quad, PlateStyle style, String text) implements Drawn {
        @Override
        public Box bounds() {
            return Canvas.bounds(quad);
        }

        @Override
        public double area() {
            return Canvas.area(quad);
        }
    }

    /** A face: cheek to cheek, brow to chin. */
    record Face(int trackId, int label, Box bounds) implements Drawn {
        @Override
        public double area() {
            return (double) bounds.width() * bounds.height();
        }
    }
}
