package org.sharpeyes.common;

import java.util.Map;

/** One component's state for /api/health: UP, DEGRADED or DOWN, with facts about it. */
public record ComponentHealth(Status status, Map<String, Object> details) {
    public enum Status { UP, DEGRADED, DOWN }

    public ComponentHealth {
        details = Map.copyOf(details);
    }

    /** The worse of two states: a node is only as healthy as its sickest component. */
    public static Status worst(Status a, Status b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
