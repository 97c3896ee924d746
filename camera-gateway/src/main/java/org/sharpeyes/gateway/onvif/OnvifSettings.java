package org.sharpeyes.gateway.onvif;

import java.time.Duration;

/**
 * Limits for every SOAP exchange.
 *
 * @param requestTimeout the whole exchange (connect, send, complete reply) must finish within this
 * @param maxBodyBytes   a reply larger than this is cut off while it is read
 */
public record OnvifSettings(Duration requestTimeout, int maxBodyBytes) {
    public static final OnvifSettings DEFAULT = new OnvifSettings(Duration.ofSeconds(5), 1 << 20);

    public OnvifSettings {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("onvif requestTimeout must be positive, got " + requestTimeout);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("onvif maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
    }
}
