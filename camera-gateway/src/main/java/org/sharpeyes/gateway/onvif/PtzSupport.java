package org.sharpeyes.gateway.onvif;

import java.util.List;

/** Whether the device can be steered, through which profile, and its presets there. */
public record PtzSupport(boolean supported, String profileToken, List<Preset> presets) {
    public static final PtzSupport NONE = new PtzSupport(false, null, List.of());
}
