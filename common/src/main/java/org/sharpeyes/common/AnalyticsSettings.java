package org.sharpeyes.common;

import java.util.List;

/**
 * What analytics does with one camera's video.
 *
 * @param fps frames per second sampled for analysis
 * @param roi region of interest as a polygon in normalised frame coordinates (0..1, origin top
 *            left); empty means the whole frame
 */
public record AnalyticsSettings(boolean plates, boolean faces, float fps, List<Point> roi) {
    public static final AnalyticsSettings DEFAULTS = new AnalyticsSettings(true, true, 5f, List.of());

    public AnalyticsSettings {
        roi = roi == null ? List.of() : List.copyOf(roi);
    }

    /** A polygon vertex in normalised frame coordinates. */
    public record Point(double x, double y) {
    }
}
