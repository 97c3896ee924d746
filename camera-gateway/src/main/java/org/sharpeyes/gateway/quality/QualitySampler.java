package org.sharpeyes.gateway.quality;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picture-quality diagnosis on sampled frames of the cameras whose frames nobody else decodes
 * (cameras with analytics are diagnosed on analytics' own frames: leave them out of the targets).
 *
 * <p>Every target gets one visit per {@link SamplerSettings#interval()}, spread evenly (see
 * {@link SampleSchedule}), at most {@link SamplerSettings#maxConcurrent()} at once. A visit
 * subscribes to the camera's stream through the hub (the GOP cache gives a keyframe at once when
 * the stream is already pulled; otherwise the subscription starts the pull, and the hub stops it
 * after its idle timeout), decodes on the sampler's own decode threads (never an event loop),
 * diagnoses two frames {@code frameGap} apart, hands the latest report to the listener and
 * unsubscribes. A visit with no picture within {@code timeout} ends without a report.
 *
 * <p>Threads: one scheduler thread ({@code quality-sampler}: ticks and timeouts) and
 * {@code maxConcurrent} decode threads ({@code quality-decode-N}); no thread per camera.
 */
public final class QualitySampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QualitySampler.class);
    /** Resolution of the schedule: 10 000 cameras over 5 minutes is 1.7 starts per tick. */
    static final long TICK_MS = 50;
    private static final long CLOSE_WAIT_MS = 5_000;

    /**
     * Counters since start. {@code done}: visits that delivered a report; {@code failed}: visits that
     * ended without one (no picture in time, no decoder for the codec, no stream, sampler closed);
     * {@code skipped}: turns missed because the camera's previous visit was still queued or running;
     * {@code peakInFlight}: the most visits that ever ran at once.
     */
    public record Stats(long started, long done, long failed, long skipped, int inFlight, int peakInFlight, int queued,
                        int targets) {
    }

    private record Running(SamplingVisit visit, ScheduledFuture<?> timeout) {
    }

    private final StreamHubs hubs;
    private final Function<UUID, StreamKey> streamOf;
    private final QualityDiagnosis diagnosis;
    private final SamplerSettings settings;
    private final BiConsumer<UUID, QualityReport> listener;
    private final SampleSchedule schedule;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("quality-sampler"));
    private final ExecutorService decoders;
    private final Map<UUID, Running> active = new ConcurrentHashMap<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;
    private ScheduledFuture<?> ticker;

    /**
     * @param streamOf the stream to sample for a camera: its SUB stream if it has one, else MAIN
     * @param listener gets each report, on a sampler thread; must be thread-safe and must not block
     *                 for long (wire to {@code HealthMonitor::onQuality})
     */
    public QualitySampler(StreamHubs hubs, Function<UUID, StreamKey> streamOf, QualityDiagnosis diagnosis,
                          SamplerSettings settings, BiConsumer<UUID, QualityReport> listener) {
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.streamOf = Objects.requireNonNull(streamOf, "streamOf");
        this.diagnosis = Objects.requireNonNull(diagnosis, "diagnosis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.schedule = new SampleSchedule(Math.max(1, settings.interval().toMillis() / TICK_MS), settings.maxConcurrent());
        this.decoders = Executors.newFixedThreadPool(settings.maxConcurrent(), daemon("quality-decode-"));
    }

    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("sampler is closed");
        }
        if (ticker == null) {
            ticker = timer.scheduleAtFixedRate(this::onTick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Replaces the cameras to sample; takes effect from the next tick. */
    public void setTargets(Collection<UUID> cameraIds) {
        schedule.setTargets(cameraIds);
    }

    public Stats stats() {
        SampleSchedule.Counts c = schedule.counts();
        return new Stats(c.started(), done.get(), failed.get(), c.skipped(), c.inFlight(), c.peakInFlight(), c.queued(),
                c.targets());
    }

    private void onTick() {
        try {
            startAll(schedule.tick());
        } catch (RuntimeException e) { // an exception would cancel the ticker for good
            if (!closed) {
                log.warn("quality sampler tick failed error={}", e.toString());
            }
        }
    }

    /** On the scheduler thread only, so a visit's timeout cannot fire before the visit is registered. */
    private void startAll(List<UUID> ids) {
        for (UUID id : ids) {
            if (closed) {
                schedule.done(id);
                continue;
            }
            SamplingVisit v = new SamplingVisit(id, diagnosis, settings.frameGap().toNanos(), this::ended);
            ScheduledFuture<?> timeout = timer.schedule(() -> v.end("no picture within " + settings.timeout()),
                    settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            active.put(id, new Running(v, timeout));
            try {
                v.attach(hubs.subscribe(streamOf.apply(id), v, decoders));
            } catch (RuntimeException e) { // the hub was closed (camera removed meanwhile), no stream known, ...
                v.end("cannot subscribe: " + e.getMessage());
            }
        }
    }

    /** Runs once per visit, on whichever thread ended it. */
    private void ended(SamplingVisit.Outcome o) {
        Running r = active.remove(o.cameraId());
        if (r != null) {
            r.timeout().cancel(false);
        }
        if (o.report() != null) {
            done.incrementAndGet();
            try {
                listener.accept(o.cameraId(), o.report());
            } catch (RuntimeException e) {
                log.warn("quality listener failed camera={} error={}", o.cameraId(), e.toString());
            }
        } else {
            failed.incrementAndGet();
            log.debug("quality visit without picture camera={} reason={}", o.cameraId(), o.reason());
        }
        List<UUID> next = schedule.done(o.cameraId());
        if (!next.isEmpty()) {
            try {
                timer.execute(() -> startAll(next)); // starts stay on the scheduler thread
            } catch (RejectedExecutionException e) {
                next.forEach(schedule::done); // closing
            }
        }
    }

    /** Stops visiting; ends running visits (unsubscribes, frees decoders); waits at most a few seconds. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        schedule.clear();
        timer.shutdownNow();
        await(timer, "quality-sampler");
        active.values().forEach(r -> r.visit().end("sampler closed"));
        decoders.shutdown();
        await(decoders, "quality-decode");
    }

    private static void await(ExecutorService e, String name) {
        try {
            if (!e.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("quality sampler threads still busy after close threads={} waitMs={}", name, CLOSE_WAIT_MS);
                e.shutdownNow();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            e.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }
}
