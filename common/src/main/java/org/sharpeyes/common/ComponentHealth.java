package org.sharpeyes.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One component's state for /api/health: UP, DEGRADED or DOWN, with facts about it. */
public record ComponentHealth(Status status, Map<String, Object> details) {
    public enum Status { UP, DEGRADED, DOWN }

    public ComponentHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details)); // keeps the caller's order
    }

    /** The worse of two states: a node is only as healthy as its sickest component. */
    public static Status worst(Status a, Status b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
