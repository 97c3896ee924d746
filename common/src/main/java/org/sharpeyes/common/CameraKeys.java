package org.sharpeyes.common;

import java.util.Set;

/** The values that identify a camera and must be unique across the registry. */
public record CameraKeys(Set<String> names, Set<String> mainUrls, Set<String> gbDeviceIds) {
    public CameraKeys {
        names = Set.copyOf(names);
        mainUrls = Set.copyOf(mainUrls);
        gbDeviceIds = Set.copyOf(gbDeviceIds);
    }
}
