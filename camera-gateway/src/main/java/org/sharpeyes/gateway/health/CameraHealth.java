package org.sharpeyes.gateway.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.gateway.quality.Fault;
import org.sharpeyes.gateway.quality.QualityReport;

/**
 * A camera's current health, as the console shows it.
 *
 * @param source      what it was derived from: the stream being pulled, or a light probe
 * @param reasons     why it is not ONLINE; empty when ONLINE
 * @param fps         0 when unknown (probe-only or offline)
 * @param lastPacket  null when unknown
 * @param uptime      of the current connection; zero when not connected or probe-only
 * @param quality     latest picture scores (empty when no recent diagnosis)
 * @param faults      latest picture faults
 */
public record CameraHealth(UUID cameraId, Instant at, Source source, CameraStatus status, List<String> reasons, double fps,
                           double bitrateKbps, int width, int height, String codec, Instant lastPacket, int reconnects,
                           Duration uptime, Map<Fault, Double> quality, List<QualityReport.Finding> faults) {
    public enum Source { STREAM, PROBE }

    public CameraHealth {
        reasons = List.copyOf(reasons);
        quality = quality.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(quality));
        faults = List.copyOf(faults);
    }

    public String resolution() {
        return width > 0 && height > 0 ? width + "x" + height : null;
    }
}
