package org.sharpeyes.console.http;

import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * WebSocket upgrades carry the session cookie but no CSRF header, so a page on another site
 * could open one with the user's cookie (cross-site WebSocket hijacking). Browsers always send
 * Origin on upgrades: it must name this host.
 */
public final class Origins {
    private Origins() {
    }

    public static boolean sameOrigin(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            return true; // not a browser: no ambient cookie to abuse
        }
        String host = ctx.request().getHeader("Host");
        try {
            URI u = URI.create(origin);
            if (u.getHost() == null || host == null) {
                return false;
            }
            int port = u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
            return withPort(host, "https".equals(u.getScheme()) ? 443 : 80).equalsIgnoreCase(u.getHost() + ":" + port);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withPort(String host, int defaultPort) {
        return host.lastIndexOf(':') > host.lastIndexOf(']') ? host : host + ":" + defaultPort;
    }
}
