package org.sharpeyes.storage;

import java.time.Duration;
import org.sharpeyes.common.DetectionKind;

/** The time-series tables and the retention each one follows. */
enum Table {
    DETECTION_PLATE("detection_plate"),
    DETECTION_FACE("detection_face"),
    CAMERA_HEALTH("camera_health");

    final String sql;

    Table(String sql) {
        this.sql = sql;
    }

    static Table of(DetectionKind kind) {
        return kind == DetectionKind.PLATE ? DETECTION_PLATE : DETECTION_FACE;
    }

    Duration retention(Retention r) {
        return switch (this) {
            case DETECTION_PLATE -> r.plates();
            case DETECTION_FACE -> r.faces();
            case CAMERA_HEALTH -> r.health();
        };
    }

    /** The kind whose hourly counts this table feeds, or null. */
    String kind() {
        return switch (this) {
            case DETECTION_PLATE -> "PLATE";
            case DETECTION_FACE -> "FACE";
            case CAMERA_HEALTH -> null;
        };
    }
}
