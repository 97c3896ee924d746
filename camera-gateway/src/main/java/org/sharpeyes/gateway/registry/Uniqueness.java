package org.sharpeyes.gateway.registry;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraKeys;

/** The registry's unique keys (name, main URL address, GB device id) and how a clash is reported. */
final class Uniqueness {
    private Uniqueness() {
    }

    static CameraKeys keys(Collection<Camera> cameras) {
        return new CameraKeys(
                cameras.stream().map(Camera::name).collect(Collectors.toSet()),
                cameras.stream().map(Camera::mainUrl).collect(Collectors.toSet()),
                cameras.stream().map(Camera::gbDeviceId).filter(Objects::nonNull).collect(Collectors.toSet()));
    }

    /** Adds one error per key of {@code camera} found in {@code taken}, each saying by whom ({@code owner}). */
    static void report(Camera camera, CameraKeys taken, String owner, List<FieldError> errors) {
        if (taken.names().contains(camera.name())) {
            errors.add(new FieldError("name", "duplicate name: '" + camera.name() + "' is already used by " + owner));
        }
        if (taken.mainUrls().contains(camera.mainUrl())) {
            errors.add(new FieldError("mainUrl", "duplicate address: " + camera.mainUrl() + " is already used by " + owner));
        }
        if (camera.gbDeviceId() != null && taken.gbDeviceIds().contains(camera.gbDeviceId())) {
            errors.add(new FieldError("gbDeviceId", "duplicate GB device id: already used by " + owner));
        }
    }
}
