package org.sharpeyes.gateway.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.common.HealthSample;
import org.sharpeyes.common.HealthSink;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.quality.QualityReport;
import org.sharpeyes.gateway.rtsp.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each camera's health, derived from what its puller reports ({@link StreamStats}) or, for
 * cameras not pulled, from light probes, combined with the latest picture diagnosis. Every
 * update goes to the listeners; a status change also goes to the sink at once, and
 * {@link #sampleAll()} (called every {@link HealthSettings#sampleInterval()}) sends every
 * camera's current health. Thread-safe; nothing here blocks, listeners must not either.
 */
public final class HealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final HealthSettings settings;
    private final HealthSink sink;
    private final Clock clock;
    private final Map<UUID, State> cameras = new ConcurrentHashMap<>();
    private final List<Consumer<HealthUpdate>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong refused = new AtomicLong();

    public HealthMonitor(HealthSettings settings, HealthSink sink, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
    }

    public void addListener(Consumer<HealthUpdate> listener) {
        listeners.add(listener);
    }

    /**
     * A puller's periodic report.
     *
     * @param nominalFps the frame rate the camera is configured for; 0 when unknown, then the
     *                   highest rate seen on the current connection stands in
     */
    public CameraHealth onStreamStats(UUID cameraId, StreamStats stats, double nominalFps) {
        return update(cameraId, s -> {
            if (s.stats == null || !stats.connected() || s.stats.connectedSince() == null
                    || !s.stats.connectedSince().equals(stats.connectedSince())) {
                s.peakFps = 0;
            }
            s.peakFps = Math.max(s.peakFps, stats.fps());
            s.nominalFps = nominalFps;
            s.stats = stats;
            s.probe = null;
        }).health();
    }

    /** A light probe's result, for a camera that is not being pulled. */
    public CameraHealth onProbe(UUID cameraId, ProbeResult result) {
        return update(cameraId, s -> {
            s.probe = result;
            s.stats = null;
        }).health();
    }

    /** The latest picture diagnosis of a pulled camera. */
    public CameraHealth onQuality(UUID cameraId, QualityReport report) {
        return update(cameraId, s -> s.quality = report).health();
    }

    /** The camera left this node (deleted, disabled or moved): no more samples for it. */
    public void forget(UUID cameraId) {
        cameras.remove(cameraId);
    }

    public Optional<CameraHealth> current(UUID cameraId) {
        State s = cameras.get(cameraId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.health);
    }

    public Collection<CameraHealth> all() {
        return cameras.values().stream().map(s -> s.health).filter(h -> h != null).toList();
    }

    /** Re-judges every camera at the current time (silence ages into OFFLINE) and hands each to the sink. */
    public void sampleAll() {
        for (UUID id : List.copyOf(cameras.keySet())) {
            HealthUpdate u = update(id, s -> { });
            if (!u.changed()) { // a change was stored already
                offer(u.health());
            }
        }
    }

    /** Samples the sink refused since start (it was full). */
    public long refusedSamples() {
        return refused.get();
    }

    private HealthUpdate update(UUID cameraId, Consumer<State> change) {
        Instant now = clock.instant();
        CameraStatus[] previous = new CameraStatus[1];
        State state = cameras.compute(cameraId, (id, s) -> {
            State next = s == null ? new State() : s;
            previous[0] = next.health == null ? null : next.health.status();
            change.accept(next);
            next.health = derive(id, next, now);
            return next;
        });
        CameraHealth health = state.health;
        HealthUpdate update = new HealthUpdate(health, previous[0]);
        if (update.changed()) {
            log.info("camera health changed camera={} from={} to={} reasons=\"{}\"", cameraId, previous[0], health.status(),
                    String.join("; ", health.reasons()));
            offer(health);
        }
        for (Consumer<HealthUpdate> l : listeners) {
            try {
                l.accept(update);
            } catch (RuntimeException e) {
                log.warn("health listener failed camera={} error={}", cameraId, e.toString());
            }
        }
        return update;
    }

    private CameraHealth derive(UUID id, State s, Instant now) {
        List<String> reasons = new ArrayList<>();
        QualityReport quality = s.quality != null && Duration.between(s.quality.at(), now).compareTo(settings.qualityMaxAge()) <= 0
                ? s.quality : null;
        if (s.probe != null) {
            ProbeResult p = s.probe;
            CameraStatus status = p.ok() ? CameraStatus.ONLINE : CameraStatus.OFFLINE;
            if (!p.ok()) {
                reasons.add("probe: " + p.error());
            }
            return new CameraHealth(id, now, CameraHealth.Source.PROBE, status, reasons, 0, 0, 0, 0,
                    p.codecs().isEmpty() ? null : p.codecs().get(0), null, 0, Duration.ZERO, Map.of(), List.of());
        }
        StreamStats st = s.stats;
        CameraStatus status;
        if (st == null) {
            status = CameraStatus.OFFLINE;
            reasons.add("no stream report yet");
        } else if (!st.connected()) {
            status = CameraStatus.OFFLINE;
            reasons.add(st.lastError() == null ? "not connected" : st.lastError());
        } else if (st.lastPacket() == null || Duration.between(st.lastPacket(), now).compareTo(settings.offlineAfter()) > 0) {
            status = CameraStatus.OFFLINE;
            reasons.add(st.lastPacket() == null ? "connected but no packet yet"
                    : "no packet for " + Duration.between(st.lastPacket(), now).toSeconds() + " s");
        } else {
            double nominal = s.nominalFps > 0 ? s.nominalFps : s.peakFps;
            if (nominal > 0 && st.fps() < nominal * settings.minFpsRatio()) {
                reasons.add(String.format(Locale.ROOT, "frame rate %.1f fps below %.0f%% of nominal %.1f fps", st.fps(),
                        settings.minFpsRatio() * 100, nominal));
            }
            if (quality != null) {
                quality.faults().forEach(f -> reasons.add(f.reason()));
            }
            status = reasons.isEmpty() ? CameraStatus.ONLINE : CameraStatus.DEGRADED;
        }
        boolean live = st != null && status != CameraStatus.OFFLINE;
        return new CameraHealth(id, now, CameraHealth.Source.STREAM, status, reasons, live ? st.fps() : 0,
                live ? st.bitrateKbps() : 0, st == null ? 0 : st.width(), st == null ? 0 : st.height(),
                st == null ? null : st.codec(), st == null ? null : st.lastPacket(), st == null ? 0 : st.reconnects(),
                st == null || !st.connected() ? Duration.ZERO : st.uptime(now),
                quality == null || status == CameraStatus.OFFLINE ? Map.of() : quality.scores(),
                quality == null || status == CameraStatus.OFFLINE ? List.of() : quality.faults());
    }

    private void offer(CameraHealth h) {
        if (!sink.offer(toSample(h))) {
            long n = refused.incrementAndGet();
            if (n == 1 || n % 10_000 == 0) {
                log.warn("health sink full; samples refused total={}", n);
            }
        }
    }

    static HealthSample toSample(CameraHealth h) {
        boolean live = h.status() != CameraStatus.OFFLINE && h.source() == CameraHealth.Source.STREAM;
        return new HealthSample(h.at(), h.cameraId(), h.status(), h.reasons().isEmpty() ? null : String.join("; ", h.reasons()),
                live ? h.fps() : null, live ? (int) Math.round(h.bitrateKbps()) : null,
                h.width() > 0 ? h.width() : null, h.height() > 0 ? h.height() : null, h.codec(),
                h.source() == CameraHealth.Source.STREAM ? h.reconnects() : null,
                h.quality().entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue)),
                h.faults().stream().map(f -> f.fault().name()).toList());
    }

    /** What is known about one camera; guarded by the map's per-key compute. */
    private static final class State {
        StreamStats stats;
        ProbeResult probe;
        QualityReport quality;
        double nominalFps;
        double peakFps;
        CameraHealth health;
    }
}
