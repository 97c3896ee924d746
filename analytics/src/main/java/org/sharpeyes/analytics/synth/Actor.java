package org.sharpeyes.analytics.synth;

import java.util.List;

/** Something drawn into a street scene, nearest last. */
interface Actor extends AutoCloseable {
    /** Label of street furniture that hides things but is no object of the ground truth. */
    int PROP = 1;

    /** Whether it is in the scene at time t (seconds). */
    boolean present(double t);

    /** Distance from the camera at time t, to draw far things first. */
    double depth(Camera camera, double t);

    /** Draws it; returns the truth objects it put in the frame (their visibility is counted later). */
    List<Drawn> draw(Canvas canvas, double t);

    @Override
    default void close() {
    }
}
