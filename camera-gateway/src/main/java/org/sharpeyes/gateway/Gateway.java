package org.sharpeyes.gateway;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.HealthSink;
import org.sharpeyes.gateway.health.HealthMonitor;
import org.sharpeyes.gateway.health.HealthSettings;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.quality.QualityDiagnosis;
import org.sharpeyes.gateway.quality.QualitySampler;
import org.sharpeyes.gateway.quality.QualityThresholds;
import org.sharpeyes.gateway.quality.SamplerSettings;
import org.sharpeyes.gateway.registry.CameraPage;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.sharpeyes.gateway.registry.CameraRegistry.StreamKind;
import org.sharpeyes.gateway.rtsp.LightProbe;
import org.sharpeyes.gateway.rtsp.NettyTransport;
import org.sharpeyes.gateway.rtsp.NettyRtspSource;
import org.sharpeyes.gateway.rtsp.ProbeScheduler;
import org.sharpeyes.gateway.rtsp.ProbeSettings;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera side of a gateway node, assembled: the registry, one hub per pulled stream, and
 * health from the pulls, from light probes of the enabled cameras nobody pulls now, and from
 * picture diagnosis of frames sampled now and then from every enabled camera. The console and
 * analytics reach cameras through it.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    /** How often pullers' stats feed health: well inside HealthSettings.offlineAfter. */
    private static final Duration STATS_EVERY = Duration.ofSeconds(2);

    /** Which RTSP client pulls streams: FFmpeg's demuxer, or our own on shared Netty event loops. */
    public enum Client { FFMPEG, NETTY }

    public record Settings(Client client, RtspSettings rtsp, HubSettings hub, HealthSettings health, ProbeSettings probe,
                           QualityThresholds quality, SamplerSettings sampler) {
    }

    private final CameraRegistry registry;
    private final StreamHubs hubs;
    private final HealthMonitor health;
    private final EventLoopGroup probeLoop = NettyTransport.group(1, "rtsp-probe");
    private final LightProbe probe;
    private final ProbeScheduler probes;
    private final QualitySampler sampler;
    /** Cameras with a sub stream: pictures are sampled from it, the cheaper one to decode. */
    private volatile Set<UUID> withSubStream = Set.of();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-health");
        t.setDaemon(true);
        return t;
    });

    public Gateway(CameraRegistry registry, HealthSink sink, Settings settings) {
        this.registry = registry;
        this.hubs = new StreamHubs(settings.client() == Client.NETTY
                ? NettyRtspSource.opener(this::url, settings.rtsp()) : RtspPuller.opener(this::url, settings.rtsp()), settings.hub());
        this.health = new HealthMonitor(settings.health(), sink, Clock.systemUTC());
        this.probe = new LightProbe(probeLoop, settings.probe());
        this.probes = new ProbeScheduler(probe, settings.probe(), probeLoop.next(), (t, r) -> health.onProbe(t.cameraId(), r));
        this.sampler = new QualitySampler(hubs, this::sampledStream, new QualityDiagnosis(settings.quality()),
                settings.sampler(), health::onQuality);
        probes.start();
        sampler.start();
        every(STATS_EVERY, this::readStreamStats);
        every(settings.health().sampleInterval(), health::sampleAll);
        every(settings.probe().interval(), this::refreshTargets);
        timer.execute(this::refreshTargets);
    }

    public CameraRegistry registry() {
        return registry;
    }

    public StreamHubs hubs() {
        return hubs;
    }

    public HealthMonitor health() {
        return health;
    }

    /** Call after cameras were added, edited or removed: probing follows without waiting a whole interval. */
    public void camerasChanged() {
        timer.execute(this::refreshTargets);
    }

    /** The stream's URL with its login, asked again before every connect so edits apply on reconnect. */
    private String url(StreamKey key) {
        UUID id = UUID.fromString(key.cameraId());
        StreamKind kind = key.profile() == StreamKey.Profile.SUB ? StreamKind.SUB : StreamKind.MAIN;
        return registry.streamUrl(id, kind).or(() -> registry.streamUrl(id, StreamKind.MAIN))
                .orElseThrow(() -> new IllegalStateException("camera " + id + " has no stream URL or was deleted"));
    }

    /** A camera's health follows its main stream when that is pulled, else its sub stream. */
    private void readStreamStats() {
        Map<StreamKey, StreamStats> all = hubs.stats();
        all.forEach((key, stats) -> {
            if (key.profile() == StreamKey.Profile.MAIN || !all.containsKey(new StreamKey(key.cameraId(), StreamKey.Profile.MAIN))) {
                health.onStreamStats(UUID.fromString(key.cameraId()), stats, 0);
            }
        });
    }

    private StreamKey sampledStream(UUID cameraId) {
        return new StreamKey(cameraId.toString(), withSubStream.contains(cameraId) ? StreamKey.Profile.SUB : StreamKey.Profile.MAIN);
    }

    /**
     * Every enabled camera with a stream gets its pictures sampled; those nobody pulls are also
     * probed (the login travels in the URL).
     */
    private void refreshTargets() {
        Set<String> pulled = hubs.stats().keySet().stream().map(StreamKey::cameraId).collect(Collectors.toSet());
        List<ProbeScheduler.Target> probeTargets = new ArrayList<>();
        List<UUID> sampled = new ArrayList<>();
        Set<UUID> subs = new HashSet<>();
        String cursor = null;
        do {
            CameraPage page = registry.list(List.of(), CameraRepository.Order.ID, cursor, CameraRegistry.MAX_PAGE);
            for (Camera c : page.items()) {
                if (!c.enabled() || c.mainUrl() == null) {
                    continue;
                }
                sampled.add(c.id());
                if (c.subUrl() != null) {
                    subs.add(c.id());
                }
                if (!pulled.contains(c.id().toString())) {
                    registry.streamUrl(c.id(), StreamKind.MAIN)
                            .ifPresent(url -> probeTargets.add(new ProbeScheduler.Target(c.id(), url, null, null)));
                }
            }
            cursor = page.next();
        } while (cursor != null);
        withSubStream = Set.copyOf(subs);
        probes.setTargets(probeTargets);
        sampler.setTargets(sampled);
    }

    private void every(Duration period, Runnable task) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("gateway housekeeping failed, will retry: {}", e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        probes.close();
        probe.close();
        sampler.close();
        hubs.close();
        probeLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
