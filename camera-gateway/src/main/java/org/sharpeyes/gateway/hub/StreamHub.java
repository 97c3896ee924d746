package org.sharpeyes.gateway.hub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans one camera stream out to its subscribers. The stream is pulled while anyone is subscribed:
 * the first subscriber starts the pull, and it stops {@code idleTimeout} after the last one left.
 * Packets from the last keyframe on are cached, so a new subscriber starts decoding at once.
 *
 * <p>The ingest thread publishes under the hub's lock and only offers to each subscriber's bounded
 * queue; it never runs subscriber code and never waits for a subscriber.
 */
public final class StreamHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
    private static final Subscription[] NONE = new Subscription[0];

    private final String name;
    private final Function<Subscriber, StreamSource> opener;
    private final HubSettings settings;
    private final ScheduledExecutorService timer;

    // Guarded by this.
    private Subscription[] subs = NONE;
    private StreamSource source;
    private Ingest ingest;
    private StreamInfo info;
    private final List<Packet> gop = new ArrayList<>();
    private long gopBytes;
    private ScheduledFuture<?> idleStop;
    private boolean closed;

    /**
     * @param opener starts pulling the stream into the given sink (e.g. {@code RtspPuller.start});
     *               called on the first subscribe and again after every idle stop
     * @param timer  runs the idle stops
     */
    public StreamHub(String name, Function<Subscriber, StreamSource> opener, HubSettings settings, ScheduledExecutorService timer) {
        this.name = name;
        this.opener = opener;
        this.settings = settings;
        this.timer = timer;
    }

    public String name() {
        return name;
    }

    /**
     * Subscribes; {@code target} is called on {@code executor}, whose {@code execute} must neither
     * block nor run the task in the calling thread (that is the ingest thread).
     *
     * @throws IllegalStateException when the hub was closed (camera removed)
     */
    public Subscription subscribe(Subscriber target, Executor executor) {
        Subscription s = new Subscription(this, target, executor, settings.queuePackets());
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stream " + name + " is closed");
            }
            if (idleStop != null) {
                idleStop.cancel(false);
                idleStop = null;
            }
            s.join(info, gop);
            subs = Arrays.copyOf(subs, subs.length + 1);
            subs[subs.length - 1] = s;
            if (source == null) {
                ingest = new Ingest();
                source = opener.apply(ingest);
                log.info("stream started stream={} reason=first-subscriber", name);
            }
        }
        return s;
    }

    synchronized void unsubscribe(Subscription s) {
        int i = Arrays.asList(subs).indexOf(s);
        if (i < 0) {
            return;
        }
        Subscription[] next = new Subscription[subs.length - 1];
        System.arraycopy(subs, 0, next, 0, i);
        System.arraycopy(subs, i + 1, next, i, next.length - i);
        subs = next;
        if (subs.length == 0 && source != null && !closed) {
            idleStop = timer.schedule(this::stopIfIdle, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What the pull observed; empty while the stream is not pulled (no subscribers). */
    public Optional<StreamStats> stats() {
        StreamSource s;
        synchronized (this) {
            s = source;
        }
        return s == null ? Optional.empty() : Optional.of(s.stats());
    }

    public synchronized int subscriberCount() {
        return subs.length;
    }

    public synchronized boolean running() {
        return source != null;
    }

    private void stopIfIdle() {
        StreamSource s;
        synchronized (this) {
            if (subs.length > 0 || source == null) {
                return;
            }
            s = detach();
        }
        log.info("stream stopped stream={} reason=idle idleTimeout={}", name, settings.idleTimeout());
        s.close();
    }

    /** Stops the pull and refuses new subscribers; existing subscriptions receive nothing more. */
    @Override
    public void close() {
        StreamSource s;
        synchronized (this) {
            closed = true;
            if (idleStop != null) {
                idleStop.cancel(false);
            }
            subs = NONE;
            s = source == null ? null : detach();
        }
        if (s != null) {
            s.close();
        }
    }

    private StreamSource detach() {
        StreamSource s = source;
        source = null;
        ingest = null;
        info = null;
        gop.clear();
        gopBytes = 0;
        idleStop = null;
        return s;
    }

    /** Keeps every packet since the last keyframe, unless that GOP outgrows the cache. */
    private void cache(Packet p) {
        if (p.keyframe()) {
            gop.clear();
            gopBytes = 0;
        } else if (gop.isEmpty()) {
            return; // no keyframe yet, or this GOP overflowed
        }
        if (gopBytes + p.size() > settings.gopCacheMaxBytes() || gop.size() >= settings.queuePackets()) {
            gop.clear();
            gopBytes = 0;
            return;
        }
        gop.add(p);
        gopBytes += p.size();
    }

    /** The pull's sink; a stale one (from a source being stopped) is ignored. */
    private final class Ingest implements Subscriber {
        @Override
        public void onStream(StreamInfo i) {
            synchronized (StreamHub.this) {
                if (ingest != this) {
                    return;
                }
                info = i;
                gop.clear();
                gopBytes = 0;
                for (Subscription s : subs) {
                    s.newStream(i);
                }
            }
        }

        @Override
        public void onPacket(Packet p) {
            synchronized (StreamHub.this) {
                if (ingest != this) {
                    return;
                }
                cache(p);
                for (Subscription s : subs) {
                    s.offer(p);
                }
            }
        }
    }
}
