package org.sharpeyes.common;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One camera's health at one time: a row of {@code camera_health}. Stream figures are null when
 * not known (an OFFLINE camera has no fps).
 *
 * @param reason        why the camera is not ONLINE, reasons joined by "; "; null when ONLINE
 * @param qualityScores picture-quality score per fault name (e.g. "BLUR" → 0.4); empty when no frame was diagnosed
 * @param pictureFaults the picture faults found (fault names); empty for a good or undiagnosed picture
 */
public record HealthSample(Instant time, UUID cameraId, CameraStatus status, String reason, Double fps, Integer bitrateKbps,
                           Integer width, Integer height, String codec, Integer reconnects,
                           Map<String, Double> qualityScores, List<String> pictureFaults) {
    public HealthSample {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(status, "status");
        qualityScores = qualityScores == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(qualityScores));
        pictureFaults = pictureFaults == null ? List.of() : List.copyOf(pictureFaults);
    }
}
