package org.sharpeyes.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One plate or face event: one object's pass in front of one camera.
 *
 * @param id         unique per event; writers use it to make replays idempotent
 * @param time       whole microseconds, as PostgreSQL stores it (finer input is truncated)
 * @param plateText  plate as read (null for faces); the normalised form is derived
 * @param attributes free-form extra facts (never protected traits)
 */
public record Detection(UUID id, Instant time, UUID cameraId, Placement placement, DetectionKind kind,
                        String plateText, PlateColor plateColor, float confidence, Box box, long trackId,
                        String snapshotKey, String cropKey, Map<String, String> attributes) {
    public Detection {
        Objects.requireNonNull(id, "id");
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(kind, "kind");
        if (kind == DetectionKind.PLATE && (plateText == null || plateText.isBlank())) {
            throw new IllegalArgumentException("a PLATE detection needs plate text");
        }
        if (!(confidence >= 0f && confidence <= 1f)) {
            throw new IllegalArgumentException("confidence must be in [0,1], got " + confidence);
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Normalised plate text (see {@link PlateText#normalise}), or null for faces. */
    public String plateNorm() {
        return plateText == null ? null : PlateText.normalise(plateText);
    }
}
