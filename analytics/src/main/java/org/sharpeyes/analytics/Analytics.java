package org.sharpeyes.analytics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.sharpeyes.analytics.pipeline.CameraPipeline;
import org.sharpeyes.analytics.pipeline.PipelineSettings;
import org.sharpeyes.analytics.pipeline.StageTimes;
import org.sharpeyes.analytics.pipeline.Timeline;
import org.sharpeyes.analytics.tracker.Tracker;
import org.sharpeyes.analytics.tracker.TrackerSettings;
import org.sharpeyes.analytics.watchlist.AlertListener;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.EventSink;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SnapshotStore;
import org.sharpeyes.common.Threads;
import org.sharpeyes.gateway.Gateway;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.Subscription;
import org.sharpeyes.gateway.registry.CameraPage;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics side of a node: one {@link CameraPipeline} and {@link Tracker} per enabled camera
 * with plates or faces on, subscribed to the camera's sub stream when it has one (else the main
 * stream), so that its stream is pulled for as long as it is analysed. Decoding runs on one
 * shared pool, detection on another; the cameras take turns on both.
 *
 * <p>The set of cameras follows the registry: on {@link #camerasChanged()} and every
 * {@code refresh} interval; a camera whose analytics settings or streams changed restarts.
 */
public final class Analytics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Analytics.class);
    /** A stream quiet this long lets open tracks end by time (see {@link CameraPipeline#tick}). */
    private static final Duration STALLED_AFTER = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The refresh timer's own stop: a refresh is a few registry queries. */
    private static final Duration TIMER_STOP = Duration.ofSeconds(5);

    /**
     * @param decodeThreads threads decoding every analysed camera's video
     * @param detectThreads threads running the detectors and trackers of every camera
     * @param refresh       how often the camera list is re-read without being told
     */
    public record Settings(PipelineSettings pipeline, TrackerSettings tracker, int decodeThreads, int detectThreads,
                           Duration refresh) {
        public Settings {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(tracker, "tracker");
            Objects.requireNonNull(refresh, "refresh");
            if (decodeThreads < 1 || detectThreads < 1) {
                throw new IllegalArgumentException("decodeThreads and detectThreads must be >= 1, got "
                        + decodeThreads + " and " + detectThreads);
            }
        }
    }

    /** What runs for one camera, and the camera as it was when it started. */
    private record Running(Camera camera, CameraPipeline pipeline, Tracker tracker, Subscription subscription) {
    }

    /** One camera's counters. */
    public record CameraStats(UUID cameraId, CameraPipeline.Stats pipeline, Tracker.Stats tracker) {
    }

    private final Gateway gateway;
    private final Detectors detectors;
    private final EventSink sink;
    private final SnapshotStore store;
    private final Watchlist watchlist;
    private final List<AlertListener> listeners;
    private final Settings settings;
    private final Clock clock;
    private final StageTimes times = new StageTimes();
    private final ExecutorService decodePool;
    private final ExecutorService detectPool;
    private final ScheduledExecutorService timer;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Analytics(Gateway gateway, Detectors detectors, EventSink sink, SnapshotStore store, Watchlist watchlist,
                     List<AlertListener> listeners, Settings settings, Clock clock) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.detectors = Objects.requireNonNull(detectors, "detectors");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.store = Objects.requireNonNull(store, "store");
        this.watchlist = Objects.requireNonNull(watchlist, "watchlist");
        this.listeners = List.copyOf(listeners);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decodePool = Executors.newFixedThreadPool(settings.decodeThreads(), threads("analytics-decode"));
        this.detectPool = Executors.newFixedThreadPool(settings.detectThreads(), threads("analytics-detect"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("analytics-timer"));
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    public Watchlist watchlist() {
        return watchlist;
    }

    /** Stage timings summed over every camera since start. */
    public StageTimes times() {
        return times;
    }

    /** Counters of every camera analysed now. */
    public List<CameraStats> stats() {
        return running.values().stream()
                .map(r -> new CameraStats(r.camera().id(), r.pipeline().stats(), r.tracker().stats()))
                .toList();
    }

    /** Call after cameras were added, edited or removed: analysis follows without waiting for the next refresh. */
    public void camerasChanged() {
        if (!closed) {
            timer.execute(this::refreshQuietly);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("analytics camera refresh failed, will retry: {}", e.toString());
        }
    }

    /** On the timer thread only. */
    private void refresh() {
        Map<UUID, Camera> wanted = new LinkedHashMap<>();
        CameraRegistry registry = gateway.registry();
        String cursor = null;
        do {
            CameraPage page = registry.list(List.of(), CameraRepository.Order.ID, cursor, CameraRegistry.MAX_PAGE);
            for (Camera c : page.items()) {
                if (c.enabled() && (c.analytics().plates() || c.analytics().faces())) {
                    wanted.put(c.id(), c);
                }
            }
            cursor = page.next();
        } while (cursor != null);
        for (UUID id : Set.copyOf(running.keySet())) {
            Camera now = wanted.get(id);
            Running r = running.get(id);
            if (now == null || !sameAnalysis(r.camera(), now)) {
                stop(running.remove(id), now == null ? "no longer analysed" : "settings changed");
            }
        }
        wanted.forEach((id, camera) -> {
            if (!closed && !running.containsKey(id)) {
                start(camera).ifPresent(r -> running.put(id, r));
            }
        });
    }

    private static boolean sameAnalysis(Camera a, Camera b) {
        return a.analytics().equals(b.analytics()) && Objects.equals(a.mainUrl(), b.mainUrl())
                && Objects.equals(a.subUrl(), b.subUrl());
    }

    private Optional<Running> start(Camera camera) {
        Optional<Placement> placement = gateway.registry().placement(camera.id());
        if (placement.isEmpty()) {
            return Optional.empty(); // deleted meanwhile
        }
        Tracker tracker = new Tracker(camera.id(), placement.get(), sink, store, watchlist, listeners, settings.tracker());
        CameraPipeline pipeline = new CameraPipeline(camera.id(), camera.analytics(), settings.pipeline(), detectors,
                tracker, detectPool, Timeline.live(clock), CameraPipeline.Backlog.DROP_OLDEST, times);
        StreamKey key = new StreamKey(camera.id().toString(),
                camera.subUrl() != null ? StreamKey.Profile.SUB : StreamKey.Profile.MAIN);
        try {
            Subscription subscription = gateway.hubs().subscribe(key, pipeline, decodePool);
            log.info("camera analysis started camera={} stream={} plates={} faces={} fps={}", camera.id(), key,
                    camera.analytics().plates(), camera.analytics().faces(), camera.analytics().fps());
            return Optional.of(new Running(camera, pipeline, tracker, subscription));
        } catch (IllegalStateException e) {
            pipeline.close(STOP_TIMEOUT);
            log.warn("camera analysis not started camera={}: {}", camera.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private void stop(Running r, String why) {
        r.subscription().close();
        r.pipeline().close(STOP_TIMEOUT);
        log.info("camera analysis stopped camera={} reason={} stats={}", r.camera().id(), why, r.pipeline().stats());
    }

    private void tick() {
        var now = clock.instant();
        running.values().forEach(r -> r.pipeline().tick(now, STALLED_AFTER));
    }

    /** Cameras analysed now, by id. */
    public Set<UUID> cameras() {
        return running.keySet().stream().collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Stops every camera's analysis; their open tracks become events before this returns. Then
     * waits (up to the stop timeout) for the detect threads to end: a camera that did not finish
     * within its own stop timeout may still be inside a model, see {@link #idle}.
     */
    @Override
    public void close() {
        closed = true;
        Threads.stop(timer, TIMER_STOP);
        List<Running> all = new ArrayList<>(running.values());
        running.clear();
        all.forEach(r -> stop(r, "node stopping"));
        decodePool.shutdownNow();
        if (!Threads.stop(detectPool, STOP_TIMEOUT)) {
            log.warn("camera analysis threads still running {} after stopping", STOP_TIMEOUT);
        }
    }

    /**
     * Whether no detect thread runs any more, so the models may be freed: freeing an ONNX Runtime
     * session inside a run crashes the process.
     */
    public boolean idle() {
        return detectPool.isTerminated();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
