package org.sharpeyes.common;

import java.util.Objects;
import java.util.UUID;

/**
 * A registered camera as stored and as every module sees it. URLs never carry userinfo: user and
 * password live only in {@code credentials}, encrypted, which API output must leave out.
 *
 * @param lat         WGS-84 latitude, null when the position is not surveyed (then lon is null too)
 * @param gbDeviceId  GB/T 28181 device id (20 digits) or null
 * @param credentials null when the camera needs no login
 */
public record Camera(UUID id, String name, long orgUnitId, String gridCode, SiteType siteType, Double lat, Double lon,
                     String mainUrl, String subUrl, String onvifUrl, String vendor, String model, String firmware,
                     String gbDeviceId, AnalyticsSettings analytics, boolean enabled, SealedCredentials credentials) {
    public Camera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(siteType, "siteType");
        Objects.requireNonNull(mainUrl, "mainUrl");
        Objects.requireNonNull(analytics, "analytics");
        if ((lat == null) != (lon == null)) {
            throw new IllegalArgumentException("lat and lon are given together or not at all");
        }
    }

    public Camera withEnabled(boolean on) {
        return new Camera(id, name, orgUnitId, gridCode, siteType, lat, lon, mainUrl, subUrl, onvifUrl, vendor, model,
                firmware, gbDeviceId, analytics, on, credentials);
    }

    public Camera withCredentials(SealedCredentials sealed) {
        return new Camera(id, name, orgUnitId, gridCode, siteType, lat, lon, mainUrl, subUrl, onvifUrl, vendor, model,
                firmware, gbDeviceId, analytics, enabled, sealed);
    }
}
