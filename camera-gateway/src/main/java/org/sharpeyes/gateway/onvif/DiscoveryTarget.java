package org.sharpeyes.gateway.onvif;

import java.net.InetSocketAddress;

/**
 * Where a probe goes: one host (unicast), or the WS-Discovery group 239.255.255.250:3702 leaving
 * through a named interface ({@code lo} in tests and the demo). Multicast on a site network is
 * for an administrator who asks for it; {@code multicastInterface} null means the system's
 * default multicast route.
 */
public record DiscoveryTarget(InetSocketAddress unicast, String multicastInterface) {
    public static DiscoveryTarget unicast(String host, int port) {
        return new DiscoveryTarget(new InetSocketAddress(host, port), null);
    }

    public static DiscoveryTarget multicast(String interfaceName) {
        return new DiscoveryTarget(null, interfaceName);
    }

    public boolean isMulticast() {
        return unicast == null;
    }
}
