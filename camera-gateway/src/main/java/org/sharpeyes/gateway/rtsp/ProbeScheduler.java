package org.sharpeyes.gateway.rtsp;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.sharpeyes.common.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every target once per interval, spread evenly: target i of n starts at i/n of the
 * interval, so 10 000 cameras over 60 s is one start every 6 ms, never a burst. At most
 * {@code maxInFlight} probes run at once; starts that would exceed it wait in a queue. A target
 * whose previous probe is still queued or running when its next turn comes is skipped for that
 * turn (counted), so a slow network can never pile up work.
 *
 * <p>All state lives on one event loop (the ticker's): no locks, no thread per camera.
 */
public final class ProbeScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);
    /** Resolution of the schedule. */
    static final long TICK_MS = 20;

    /** A camera to probe. {@link #toString()} hides the password. */
    public record Target(UUID cameraId, String url, String user, String password) {
        public Target {
            Objects.requireNonNull(cameraId, "cameraId");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String toString() {
            return "Target[" + cameraId + " " + Urls.mask(url) + "]";
        }
    }

    /** Counters since start. {@code skipped}: turns missed because the previous probe was not done. */
    public record Stats(long started, long completed, long skipped, int inFlight, int queued, int targets) {
    }

    private final LightProbe probe;
    private final ProbeSettings settings;
    private final EventLoop loop;
    private final BiConsumer<Target, ProbeResult> listener;
    private final ArrayDeque<Target> queue = new ArrayDeque<>();
    private final Set<UUID> busy = new HashSet<>();
    private final long ticksPerInterval;
    private List<Target> targets = List.of();
    private long tick;
    private int inFlight;
    private long started;
    private long completed;
    private long skipped;
    private ScheduledFuture<?> ticker;

    /**
     * @param listener called on the scheduler's event loop with each result; must not block
     */
    public ProbeScheduler(LightProbe probe, ProbeSettings settings, EventLoop loop, BiConsumer<Target, ProbeResult> listener) {
        this.probe = probe;
        this.settings = settings;
        this.loop = loop;
        this.listener = listener;
        this.ticksPerInterval = Math.max(1, settings.interval().toMillis() / TICK_MS);
    }

    public void start() {
        loop.execute(() -> {
            if (ticker == null) {
                ticker = loop.scheduleAtFixedRate(this::onTick, 0, TICK_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Replaces the set of cameras to probe (those not pulled right now); takes effect from the next
     * tick. Slots are positions in the list, so during the interval of a change a camera may be
     * probed twice or wait up to one more interval.
     */
    public void setTargets(Collection<Target> newTargets) {
        List<Target> copy = List.copyOf(newTargets);
        loop.execute(() -> targets = copy);
    }

    public Future<Stats> stats() {
        return loop.submit(() -> new Stats(started, completed, skipped, inFlight, queue.size(), targets.size()));
    }

    /** Starts the targets whose slot lies in this tick: [tick, tick+1) of ticksPerInterval, mapped onto 0..n. */
    private void onTick() {
        int n = targets.size();
        long phase = tick % ticksPerInterval;
        int from = (int) (phase * n / ticksPerInterval);
        int to = (int) ((phase + 1) * n / ticksPerInterval);
        tick++;
        for (int i = from; i < to; i++) {
            Target t = targets.get(i);
            if (!busy.add(t.cameraId())) {
                skipped++;
                continue;
            }
            queue.add(t);
        }
        drain();
    }

    private void drain() {
        while (inFlight < settings.maxInFlight() && !queue.isEmpty()) {
            Target t = queue.poll();
            inFlight++;
            started++;
            probe.probe(t.url(), t.user(), t.password()).whenComplete((r, e) -> loop.execute(() -> done(t, r)));
        }
    }

    private void done(Target t, ProbeResult r) {
        inFlight--;
        completed++;
        busy.remove(t.cameraId());
        try {
            listener.accept(t, r);
        } catch (RuntimeException e) {
            log.warn("probe listener failed camera={} error={}", t.cameraId(), e.toString());
        }
        drain();
    }

    @Override
    public void close() {
        loop.execute(() -> {
            if (ticker != null) {
                ticker.cancel(false);
            }
            queue.clear();
        });
    }
}
