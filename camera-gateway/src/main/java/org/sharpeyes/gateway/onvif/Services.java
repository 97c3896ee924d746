package org.sharpeyes.gateway.onvif;

import java.net.URI;

/** Service addresses from GetCapabilities; {@code ptz} is null when the device has no PTZ service. */
public record Services(URI device, URI media, URI ptz) {
}
