package org.sharpeyes.gateway.health;

import org.sharpeyes.common.CameraStatus;

/**
 * What listeners get on every health update.
 *
 * @param previous the status before this update; null for a camera's first
 */
public record HealthUpdate(CameraHealth health, CameraStatus previous) {
    public boolean changed() {
        return previous != health.status();
    }
}
