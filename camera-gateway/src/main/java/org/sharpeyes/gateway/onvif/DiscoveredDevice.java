package org.sharpeyes.gateway.onvif;

import java.util.List;

/**
 * A device that answered a WS-Discovery probe (or announced itself with Hello).
 *
 * @param endpoint the stable endpoint reference, usually {@code urn:uuid:...}
 * @param xaddrs   device service URLs
 * @param from     the address the datagram came from
 */
public record DiscoveredDevice(String endpoint, List<String> types, List<String> scopes, List<String> xaddrs, String from) {
}
