package org.sharpeyes.gateway.registry;

import java.util.List;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Urls;

/**
 * A camera as an administrator enters it (form, API or CSV row), before validation. Null means
 * "not given". URLs may carry userinfo ({@code rtsp://user:pass@host/...}); the registry moves
 * it into the encrypted credentials. {@code siteType} is text so a wrong value becomes a field
 * error rather than a parse failure.
 *
 * @param orgUnitId null: the org unit of the grid cell
 * @param username  with {@code password}: the camera login; on update, null keeps the stored one
 * @param fps       null: 5 frames per second
 * @param roi       null or empty: the whole frame
 */
public record CameraSpec(String name, Long orgUnitId, String gridCode, String siteType, Double lat, Double lon,
                         String mainUrl, String subUrl, String onvifUrl, String username, String password,
                         String vendor, String model, String firmware, String gbDeviceId,
                         Boolean plates, Boolean faces, Float fps, List<AnalyticsSettings.Point> roi) {

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "CameraSpec[name=" + name + ", orgUnitId=" + orgUnitId + ", gridCode=" + gridCode + ", siteType=" + siteType
                + ", mainUrl=" + Urls.mask(mainUrl) + ", subUrl=" + Urls.mask(subUrl) + ", onvifUrl=" + Urls.mask(onvifUrl)
                + ", credentials=" + (username == null && password == null ? "none" : "***") + "]";
    }

    /** Fluent construction for forms, CSV rows and tests; unset fields stay null. */
    public static final class Builder {
        private String name;
        private Long orgUnitId;
        private String gridCode;
        private String siteType;
        private Double lat;
        private Double lon;
        private String mainUrl;
        private String subUrl;
        private String onvifUrl;
        private String username;
        private String password;
        private String vendor;
        private String model;
        private String firmware;
        private String gbDeviceId;
        private Boolean plates;
        private Boolean faces;
        private Float fps;
        private List<AnalyticsSettings.Point> roi;

        public Builder name(String v) { name = v; return this; }
        public Builder orgUnitId(Long v) { orgUnitId = v; return this; }
        public Builder gridCode(String v) { gridCode = v; return this; }
        public Builder siteType(String v) { siteType = v; return this; }
        public Builder position(Double latitude, Double longitude) { lat = latitude; lon = longitude; return this; }
        public Builder mainUrl(String v) { mainUrl = v; return this; }
        public Builder subUrl(String v) { subUrl = v; return this; }
        public Builder onvifUrl(String v) { onvifUrl = v; return this; }
        public Builder login(String user, String pass) { username = user; password = pass; return this; }
        public Builder vendor(String v) { vendor = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder firmware(String v) { firmware = v; return this; }
        public Builder gbDeviceId(String v) { gbDeviceId = v; return this; }
        public Builder plates(Boolean v) { plates = v; return this; }
        public Builder faces(Boolean v) { faces = v; return this; }
        public Builder fps(Float v) { fps = v; return this; }
        public Builder roi(List<AnalyticsSettings.Point> v) { roi = v; return this; }

        public CameraSpec build() {
            return new CameraSpec(name, orgUnitId, gridCode, siteType, lat, lon, mainUrl, subUrl, onvifUrl, username,
                    password, vendor, model, firmware, gbDeviceId, plates, faces, fps, roi);
        }
    }
}
