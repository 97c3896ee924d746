package org.sharpeyes.gateway.onvif;

import java.net.URI;

/**
 * Service addresses as the device lists them. {@code media} is the ver10 media service every
 * Profile S device has (the one this client speaks); {@code media2}, {@code ptz} and {@code imaging}
 * are null when not offered.
 *
 * @param source the operation that listed them: {@code GetServices}, or {@code GetCapabilities} on
 *               devices that do not implement GetServices
 */
public record Services(URI device, URI media, URI media2, URI ptz, URI imaging, String source) {
}
