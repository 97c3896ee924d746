package org.sharpeyes.gateway.onvif;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.sharpeyes.common.Urls;

/** JSON views of ONVIF results for the CLI and the API. URLs are masked: credentials never leave. */
public final class OnvifJson {
    private OnvifJson() {
    }

    public static JsonObject info(OnvifInfo info) {
        DeviceInfo d = info.device();
        Services s = info.services();
        JsonArray profiles = new JsonArray();
        for (Profile p : info.profiles()) {
            profiles.add(profile(p));
        }
        JsonArray presets = new JsonArray();
        info.ptz().presets().forEach(p -> presets.add(new JsonObject().put("token", p.token()).put("name", p.name())));
        return new JsonObject()
                .put("service", Urls.mask(info.service().toString()))
                .put("device", new JsonObject().put("manufacturer", d.manufacturer()).put("model", d.model())
                        .put("firmwareVersion", d.firmwareVersion()).put("serialNumber", d.serialNumber())
                        .put("hardwareId", d.hardwareId()))
                .put("clock", new JsonObject().put("deviceTime", info.clock().deviceTime().toString())
                        .put("skewSeconds", info.clock().skew().toSeconds()))
                .put("services", new JsonObject().put("source", s.source()).put("media", mask(s.media()))
                        .put("media2", mask(s.media2())).put("ptz", mask(s.ptz())).put("imaging", mask(s.imaging())))
                .put("profiles", profiles)
                .put("mainStreamUri", info.mainProfile().map(p -> Urls.mask(p.streamUri())).orElse(null))
                .put("subStreamUri", info.subProfile().map(p -> Urls.mask(p.streamUri())).orElse(null))
                .put("snapshotUri", info.mainProfile().map(p -> Urls.mask(p.snapshotUri())).orElse(null))
                .put("ptz", new JsonObject().put("supported", info.ptz().supported())
                        .put("profileToken", info.ptz().profileToken()).put("presets", presets));
    }

    public static JsonObject profile(Profile p) {
        return new JsonObject().put("token", p.token()).put("name", p.name()).put("encoding", p.encoding())
                .put("width", p.width()).put("height", p.height()).put("fps", p.fps()).put("ptz", p.ptz())
                .put("streamUri", Urls.mask(p.streamUri())).put("snapshotUri", Urls.mask(p.snapshotUri()));
    }

    private static String mask(URI uri) {
        return uri == null ? null : Urls.mask(uri.toString());
    }

    public static JsonObject device(DiscoveredDevice d) {
        JsonArray xaddrs = new JsonArray();
        d.xaddrs().forEach(x -> xaddrs.add(Urls.mask(x)));
        return new JsonObject().put("endpoint", d.endpoint()).put("xaddrs", xaddrs)
                .put("types", new JsonArray(d.types())).put("scopes", new JsonArray(d.scopes())).put("from", d.from());
    }
}
