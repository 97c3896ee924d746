package org.sharpeyes.console.cameras;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Camera;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.registry.CameraSpec;

/** Cameras to and from the API's JSON. Output never holds a password; URLs never hold userinfo. */
final class CameraJson {
    private static final int MAX_TEXT = 500;

    private CameraJson() {
    }

    static JsonObject toJson(Camera c, CameraHealth health) {
        AnalyticsSettings a = c.analytics();
        JsonArray roi = null;
        if (!a.roi().isEmpty()) {
            roi = new JsonArray();
            for (AnalyticsSettings.Point p : a.roi()) {
                roi.add(new JsonArray().add(p.x()).add(p.y()));
            }
        }
        return new JsonObject().put("id", c.id().toString()).put("name", c.name()).put("orgUnitId", c.orgUnitId())
                .put("gridCode", c.gridCode()).put("siteType", c.siteType().name()).put("lat", c.lat()).put("lon", c.lon())
                .put("mainUrl", c.mainUrl()).put("subUrl", c.subUrl()).put("onvifUrl", c.onvifUrl())
                .put("hasCredentials", c.credentials() != null).put("vendor", c.vendor()).put("model", c.model())
                .put("firmware", c.firmware()).put("gbDeviceId", c.gbDeviceId())
                .put("analytics", new JsonObject().put("plates", a.plates()).put("faces", a.faces()).put("fps", a.fps()).put("roi", roi))
                .put("enabled", c.enabled()).put("ptz", c.onvifUrl() != null)
                .put("health", health == null ? null : healthJson(health));
    }

    static JsonObject healthJson(CameraHealth h) {
        return new JsonObject().put("status", h.status().name()).put("reason", h.reasons().isEmpty() ? null : String.join("; ", h.reasons()))
                .put("fps", h.fps()).put("bitrateKbps", h.bitrateKbps()).put("width", h.width()).put("height", h.height())
                .put("codec", h.codec()).put("lastPacketAt", h.lastPacket() == null ? null : h.lastPacket().toString())
                .put("reconnects", h.reconnects()).put("uptimeSeconds", h.uptime().toSeconds())
                .put("faults", new JsonArray(h.faults().stream().map(f -> f.fault().name()).toList()));
    }

    /** The body of POST/PUT; the registry validates the values, this only checks JSON types. */
    static CameraSpec spec(Body b) {
        JsonObject analytics = b.object("analytics");
        CameraSpec.Builder s = CameraSpec.builder()
                .name(b.text("name", MAX_TEXT)).orgUnitId(b.whole("orgUnitId")).gridCode(b.text("gridCode", 64))
                .siteType(b.text("siteType", 32)).position(b.number("lat"), b.number("lon"))
                .mainUrl(b.text("mainUrl", 2000)).subUrl(b.text("subUrl", 2000)).onvifUrl(b.text("onvifUrl", 2000))
                .login(b.text("username", 128), b.text("password", 256))
                .vendor(b.text("vendor", MAX_TEXT)).model(b.text("model", MAX_TEXT)).firmware(b.text("firmware", MAX_TEXT))
                .gbDeviceId(b.text("gbDeviceId", 32));
        if (analytics != null) {
            Object plates = analytics.getValue("plates");
            Object faces = analytics.getValue("faces");
            Object fps = analytics.getValue("fps");
            if (plates != null && !(plates instanceof Boolean) || faces != null && !(faces instanceof Boolean)) {
                throw ApiException.invalid("analytics", "plates and faces must be true or false");
            }
            if (fps != null && !(fps instanceof Number)) {
                throw ApiException.invalid("analytics.fps", "must be a number");
            }
            s.plates((Boolean) plates).faces((Boolean) faces).fps(fps == null ? null : ((Number) fps).floatValue())
                    .roi(roi(analytics.getValue("roi")));
        }
        return s.build();
    }

    private static List<AnalyticsSettings.Point> roi(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray points) || points.size() > 64) {
            throw ApiException.invalid("analytics.roi", "must be an array of at most 64 [x, y] points");
        }
        List<AnalyticsSettings.Point> out = new ArrayList<>();
        for (Object p : points) {
            if (!(p instanceof JsonArray xy) || xy.size() != 2 || !(xy.getValue(0) instanceof Number x)
                    || !(xy.getValue(1) instanceof Number y)) {
                throw ApiException.invalid("analytics.roi", "each point must be [x, y] with numbers");
            }
            out.add(new AnalyticsSettings.Point(x.doubleValue(), y.doubleValue()));
        }
        return out;
    }
}
