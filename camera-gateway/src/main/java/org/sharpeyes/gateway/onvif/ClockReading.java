package org.sharpeyes.gateway.onvif;

import java.time.Duration;
import java.time.Instant;

/**
 * GetSystemDateAndTime against the local clock.
 *
 * @param deviceTime the device's UTC time when it answered
 * @param skew       device clock minus local clock (positive: the device is ahead), to the second
 */
public record ClockReading(Instant deviceTime, Duration skew) {
}
