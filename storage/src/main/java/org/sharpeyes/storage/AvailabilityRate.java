package org.sharpeyes.storage;

/**
 * Online rate (在线率) and integrity rate (完好率) of one org unit (with its subtree) or grid cell
 * over a window. See {@link HealthStats} for how they are defined.
 *
 * @param key                the org unit's code or the grid cell's code
 * @param cameras            enabled cameras counted
 * @param camerasWithSamples of those, cameras with at least one sample in the window
 * @param samples            health samples counted
 * @param onlineRate         in [0,1]; NaN when there is no camera
 * @param integrityRate      in [0,1], at most onlineRate; NaN when there is no camera
 */
public record AvailabilityRate(String key, String name, int cameras, int camerasWithSamples, long samples, double onlineRate,
                               double integrityRate) {
}
