package org.sharpeyes.gateway.registry;

import java.util.List;
import org.sharpeyes.common.Camera;

/** One page of a camera listing; {@code next} is the opaque cursor of the following page, or null. */
public record CameraPage(List<Camera> items, String next) {
    public CameraPage {
        items = List.copyOf(items);
    }
}
