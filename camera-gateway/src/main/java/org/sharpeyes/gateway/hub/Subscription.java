package org.sharpeyes.gateway.hub;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's place in a {@link StreamHub}: its own bounded queue, drained on its own
 * executor. The ingest thread only ever offers to the queue and never waits: when the queue is
 * full, this subscriber alone loses packets until the next keyframe, and is told how many.
 * Close it to unsubscribe.
 */
public final class Subscription implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    /** Calls per executor task, so one busy subscriber cannot monopolise a shared executor thread. */
    private static final int DRAIN_BATCH = 64;

    private record Dropped(long count) {
    }

    private final StreamHub hub;
    private final Subscriber target;
    private final Executor executor;
    private final int capacity;
    /** Packets up to {@code capacity}, plus room for a pending StreamInfo and drop notice before a keyframe. */
    private final ArrayBlockingQueue<Object> queue;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;
    private boolean failedOnce;

    // Producer side: touched only under the hub's lock.
    private boolean resync = true;
    private boolean dropping;
    private StreamInfo pendingInfo;
    private long pendingDrops;

    Subscription(StreamHub hub, Subscriber target, Executor executor, int capacity) {
        this.hub = hub;
        this.target = target;
        this.executor = executor;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 2);
    }

    /** Packets this subscriber lost because it fell behind, since it subscribed. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Unsubscribes; queued packets are discarded. A call already running, or taken off the queue
     * just before, may still run after this returns: a subscriber that frees what its calls use
     * on close must wait for them itself (as {@code SamplingVisit} does with its lock).
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            hub.unsubscribe(this);
            queue.clear();
        }
    }

    // ---- producer side, under the hub's lock ----

    /** Joins a running stream: the cached GOP lets it start at once, else it waits for a keyframe. */
    void join(StreamInfo info, List<Packet> gop) {
        pendingInfo = info;
        if (info != null && !gop.isEmpty() && gop.size() < capacity) {
            queue.add(info);
            queue.addAll(gop);
            pendingInfo = null;
            resync = false;
            schedule();
        }
    }

    /** A new connection: its packets are only decodable from its first keyframe on. */
    void newStream(StreamInfo info) {
        pendingInfo = info;
        resync = true;
    }

    void offer(Packet p) {
        if (closed) {
            return;
        }
        if (resync && !p.keyframe()) {
            if (dropping) {
                countDrop();
            }
            return;
        }
        if (queue.size() >= capacity) {
            resync = true;
            dropping = true;
            countDrop();
            return;
        }
        if (resync) { // p is a keyframe: resume
            if (pendingInfo != null) {
                queue.add(pendingInfo);
                pendingInfo = null;
            }
            if (pendingDrops > 0) {
                queue.add(new Dropped(pendingDrops));
                pendingDrops = 0;
            }
            resync = false;
            dropping = false;
        }
        queue.add(p);
        schedule();
    }

    private void countDrop() {
        pendingDrops++;
        dropped.incrementAndGet();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled.set(false);
                log.warn("subscriber executor rejected delivery hub={}; unsubscribing", hub.name());
                closed = true;
                hub.unsubscribe(this);
            }
        }
    }

    // ---- consumer side, on the subscriber's executor, one drain at a time ----

    private void drain() {
        Object o;
        for (int n = 0; n < DRAIN_BATCH && !closed && (o = queue.poll()) != null; n++) {
            try {
                if (o instanceof Packet p) {
                    target.onPacket(p);
                } else if (o instanceof StreamInfo i) {
                    target.onStream(i);
                } else {
                    target.onDropped(((Dropped) o).count());
                }
            } catch (RuntimeException e) {
                if (!failedOnce) {
                    failedOnce = true;
                    log.warn("subscriber failed hub={} (logged once per subscription)", hub.name(), e);
                }
            }
        }
        scheduled.set(false);
        if (!closed && !queue.isEmpty()) {
            schedule();
        }
    }
}
