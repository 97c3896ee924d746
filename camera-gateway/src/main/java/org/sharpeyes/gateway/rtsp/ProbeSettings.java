package org.sharpeyes.gateway.rtsp;

import java.time.Duration;

/**
 * How light probes of cameras that are not being pulled run.
 *
 * @param interval        every camera is probed once per interval; the probes are spread evenly over it
 * @param maxInFlight     probes running at once, per node
 * @param connectTimeout  TCP connect limit
 * @param responseTimeout limit for each RTSP answer after the request was sent
 * @param describe        true: OPTIONS then DESCRIBE (auth checked, codecs read); false: OPTIONS only
 */
public record ProbeSettings(Duration interval, int maxInFlight, Duration connectTimeout, Duration responseTimeout,
                            boolean describe) {
    public static final ProbeSettings DEFAULTS = new ProbeSettings(Duration.ofSeconds(60), 200, Duration.ofSeconds(3),
            Duration.ofSeconds(5), true);

    public ProbeSettings {
        positive("interval", interval);
        positive("connectTimeout", connectTimeout);
        positive("responseTimeout", responseTimeout);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
