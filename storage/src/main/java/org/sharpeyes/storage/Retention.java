package org.sharpeyes.storage;

import java.time.Duration;

/** How long each kind of time-series data is kept. */
public record Retention(Duration plates, Duration faces, Duration health) {
    public static final Retention DEFAULTS = new Retention(Duration.ofDays(180), Duration.ofDays(30), Duration.ofDays(30));

    public Retention {
        for (Duration d : new Duration[] {plates, faces, health}) {
            if (d == null || d.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("retention must be at least 1 day, got " + d);
            }
        }
    }
}
