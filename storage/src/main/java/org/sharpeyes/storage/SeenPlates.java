package org.sharpeyes.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this writer has already committed to the {@code plate} table, so a plate seen again soon
 * does not cost another upsert: most sightings in a city are the same cars passing again, and the
 * upsert (with its trigram index) used to cost half as much as the events' COPY itself.
 *
 * <p>The {@code plate} table promises, for every stored event of a plate at time t:
 * {@code first_seen <= t} and {@code last_seen >= t - SLACK}. A sighting inside
 * {@code [first, last + SLACK]} of what was committed keeps that promise without a write.
 * Searches widen their {@code last_seen} bound by the same slack. Used by the writer thread only.
 */
final class SeenPlates {
    /** How stale {@code plate.last_seen} may be; searches subtract it from their start. */
    static final Duration SLACK = Duration.ofDays(1);

    private record Seen(long firstMs, long lastMs) {
    }

    private final Map<String, Seen> seen;

    SeenPlates(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when storing a sighting at {@code t} needs no write to the plate table. */
    boolean covers(String plate, Instant t) {
        Seen s = seen.get(plate);
        long ms = t.toEpochMilli();
        return s != null && ms >= s.firstMs && ms <= s.lastMs + SLACK.toMillis();
    }

    /** Records a committed upsert: the table now holds at least this range. */
    void committed(String plate, Instant first, Instant last) {
        Seen old = seen.get(plate);
        long f = first.toEpochMilli();
        long l = last.toEpochMilli();
        seen.put(plate, old == null ? new Seen(f, l) : new Seen(Math.min(f, old.firstMs), Math.max(l, old.lastMs)));
    }

    void clear() {
        seen.clear();
    }
}
