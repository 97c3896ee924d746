package org.sharpeyes.gateway.onvif.sim;

import java.util.Map;
import org.sharpeyes.gateway.onvif.PtzVelocity;

/** Where the simulated head is and what it is doing; {@code velocity} is null when idle. */
public record PtzSnapshot(double pan, double tilt, double zoom, PtzVelocity velocity, boolean moving, Map<String, String> presets) {
}
