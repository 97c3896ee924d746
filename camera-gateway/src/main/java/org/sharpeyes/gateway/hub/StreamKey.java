package org.sharpeyes.gateway.hub;

import java.util.Objects;

/** One stream of one camera: cameras usually offer a main (full resolution) and a sub stream. */
public record StreamKey(String cameraId, Profile profile) {
    public enum Profile { MAIN, SUB }

    public StreamKey {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(profile, "profile");
    }

    @Override
    public String toString() {
        return cameraId + "/" + profile.name().toLowerCase(java.util.Locale.ROOT);
    }
}
