package org.sharpeyes.gateway.quality;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * When each target camera gets its visit: the even spread of the probe scheduler (target i of n is
 * due at i/n of the interval, the first at once; 10 000 cameras over 5 minutes is one start every
 * 30 ms, never a burst), with at most {@code maxConcurrent} visits running; due visits beyond that
 * wait in a queue. A camera still queued or visited when its next turn comes skips that turn
 * (counted), so slow cameras never pile up work. Time is counted in ticks the owner drives, so
 * tests drive it without a clock. Thread-safe.
 */
final class SampleSchedule {
    /** Counters since creation; {@code peakInFlight}: the most visits that ever ran at once. */
    record Counts(long started, long skipped, int inFlight, int peakInFlight, int queued, int targets) {
    }

    private final long ticksPerInterval;
    private final int maxConcurrent;
    private final ArrayDeque<UUID> queue = new ArrayDeque<>();
    private final Set<UUID> busy = new HashSet<>();
    private List<UUID> targets = List.of();
    private long tick;
    private int inFlight;
    private int peakInFlight;
    private long started;
    private long skipped;

    SampleSchedule(long ticksPerInterval, int maxConcurrent) {
        if (ticksPerInterval < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("need ticksPerInterval >= 1 and maxConcurrent >= 1, got "
                    + ticksPerInterval + ", " + maxConcurrent);
        }
        this.ticksPerInterval = ticksPerInterval;
        this.maxConcurrent = maxConcurrent;
    }

    /**
     * Slots are positions in the list, so during the interval of a change a camera may be visited
     * twice or wait up to one more interval. Queued visits of cameras no longer targeted are dropped.
     */
    synchronized void setTargets(Collection<UUID> newTargets) {
        targets = List.copyOf(new LinkedHashSet<>(newTargets));
        Set<UUID> keep = new HashSet<>(targets);
        queue.removeIf(id -> {
            if (keep.contains(id)) {
                return false;
            }
            busy.remove(id);
            return true;
        });
    }

    /** Advances one tick: queues the targets whose slot lies in it; returns the visits to start now. */
    synchronized List<UUID> tick() {
        int n = targets.size();
        long phase = tick % ticksPerInterval;
        int from = slotStart(phase, n);
        int to = slotStart(phase + 1, n);
        tick++;
        for (int i = from; i < to; i++) {
            UUID id = targets.get(i);
            if (busy.add(id)) {
                queue.add(id);
            } else {
                skipped++;
            }
        }
        return drain();
    }

    /** A visit ended; returns the visits that may start in its place. */
    synchronized List<UUID> done(UUID id) {
        if (busy.remove(id)) {
            inFlight--;
        }
        return drain();
    }

    /** Empties the queue (closing); returns nothing more afterwards from {@link #tick}. */
    synchronized void clear() {
        targets = List.of();
        queue.forEach(busy::remove);
        queue.clear();
    }

    synchronized Counts counts() {
        return new Counts(started, skipped, inFlight, peakInFlight, queue.size(), targets.size());
    }

    /** The first target due at or after tick {@code phase}: target i is due at tick floor(i * ticks / n). */
    private int slotStart(long phase, int n) {
        return (int) ((phase * n + ticksPerInterval - 1) / ticksPerInterval);
    }

    private List<UUID> drain() {
        List<UUID> out = new ArrayList<>();
        while (inFlight < maxConcurrent && !queue.isEmpty()) {
            out.add(queue.poll());
            inFlight++;
            started++;
        }
        peakInFlight = Math.max(peakInFlight, inFlight);
        return out;
    }
}
