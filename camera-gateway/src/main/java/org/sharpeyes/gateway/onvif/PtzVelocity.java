package org.sharpeyes.gateway.onvif;

/** A ContinuousMove velocity in the generic spaces: each component in [-1, 1]. */
public record PtzVelocity(double pan, double tilt, double zoom) {
    public PtzVelocity {
        check("pan", pan);
        check("tilt", tilt);
        check("zoom", zoom);
    }

    private static void check(String name, double v) {
        if (!(v >= -1 && v <= 1)) {
            throw new IllegalArgumentException("ptz " + name + " velocity must be within [-1, 1], got " + v);
        }
    }
}
