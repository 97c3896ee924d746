package org.sharpeyes.server;

import java.util.List;
import java.util.function.Supplier;
import org.sharpeyes.gateway.Gateway;
import org.sharpeyes.gateway.health.HealthSettings;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.quality.QualityThresholds;
import org.sharpeyes.gateway.quality.SamplerSettings;
import org.sharpeyes.gateway.rtsp.ProbeSettings;
import org.sharpeyes.gateway.rtsp.RtspSettings;

/** The gateway.* keys as the gateway's settings records; a rule a record refuses names its key. */
final class GatewayConfig {
    private GatewayConfig() {
    }

    static Gateway.Settings settings(Config c) {
        return new Gateway.Settings(
                checked("gateway.rtsp.client", () -> Gateway.Client.valueOf(c.text("gateway.rtsp.client").toUpperCase(java.util.Locale.ROOT))),
                checked("gateway.rtsp", () -> new RtspSettings(c.duration("gateway.rtsp.ioTimeout"),
                        c.duration("gateway.rtsp.backoffMin"), c.duration("gateway.rtsp.backoffMax"),
                        c.duration("gateway.rtsp.stableAfter"))),
                checked("gateway.hub", () -> new HubSettings(c.integer("gateway.hub.queuePackets"),
                        c.duration("gateway.hub.idleTimeout"), (long) c.integer("gateway.hub.gopCacheMiB") << 20)),
                checked("gateway.health", () -> new HealthSettings(c.duration("gateway.health.offlineAfter"),
                        c.number("gateway.health.minFpsRatio"), c.duration("gateway.health.qualityMaxAge"),
                        c.duration("gateway.health.sampleInterval"))),
                checked("gateway.probe", () -> new ProbeSettings(c.duration("gateway.probe.interval"),
                        c.integer("gateway.probe.maxInFlight"), c.duration("gateway.probe.connectTimeout"),
                        c.duration("gateway.probe.responseTimeout"), c.bool("gateway.probe.describe"))),
                quality(c),
                checked("gateway.quality", () -> new SamplerSettings(c.duration("gateway.quality.sampleInterval"),
                        c.integer("gateway.quality.maxConcurrent"), c.duration("gateway.quality.sampleTimeout"),
                        c.duration("gateway.quality.frameGap"))));
    }

    static QualityThresholds quality(Config c) {
        String q = "gateway.quality.";
        return checked("gateway.quality", () -> new QualityThresholds(c.number(q + "signalLoss"), c.duration(q + "frozenFor"),
                c.integer(q + "frozenMinSamples"), c.number(q + "frozenMaxChange"), c.number(q + "blurEdgeWidth"),
                c.number(q + "occlusion"), c.number(q + "colourCast"), c.number(q + "tooDark"), c.number(q + "tooBright"),
                c.number(q + "noiseSigma")));
    }

    /** Builds a settings record; what it refuses becomes a config problem under {@code prefix}. */
    static <T> T checked(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException(List.of(prefix + ": " + e.getMessage()));
        }
    }
}
