package org.sharpeyes.analytics.watchlist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sharpeyes.common.PlateText;

/**
 * The plates to alert on, shared by every camera's tracker: reads are lock-free on an
 * immutable snapshot, writes (rare: an operator edits the list) replace the snapshot under a
 * lock. Exact entries are found by hash lookup, wildcard entries by a scan, so a list of many
 * exact plates costs nothing per read.
 *
 * <p>In memory only: persisting entries, and the alerts they raise, belongs to the console,
 * which loads its stored list with {@link #replaceAll} and edits it with {@link #add} and
 * {@link #remove}.
 */
public final class Watchlist {
    private volatile Snapshot snapshot = new Snapshot(Map.of());

    /** Adds the entry, or replaces the entry with the same id. */
    public synchronized void add(WatchEntry entry) {
        Map<UUID, WatchEntry> next = new LinkedHashMap<>(snapshot.byId);
        next.put(entry.id(), entry);
        snapshot = new Snapshot(next);
    }

    /** True when an entry with that id was there. */
    public synchronized boolean remove(UUID id) {
        if (!snapshot.byId.containsKey(id)) {
            return false;
        }
        Map<UUID, WatchEntry> next = new LinkedHashMap<>(snapshot.byId);
        next.remove(id);
        snapshot = new Snapshot(next);
        return true;
    }

    public synchronized void replaceAll(Collection<WatchEntry> entries) {
        Map<UUID, WatchEntry> next = new LinkedHashMap<>();
        entries.forEach(e -> next.put(e.id(), e));
        snapshot = new Snapshot(next);
    }

    public List<WatchEntry> entries() {
        return List.copyOf(snapshot.byId.values());
    }

    /** The entries active at {@code now} that match the plate (normalised here): exact ones, then wildcard ones. */
    public List<WatchEntry> match(String plate, Instant now) {
        Snapshot s = snapshot;
        String norm = PlateText.normalise(plate);
        List<WatchEntry> hits = new ArrayList<>(0);
        for (WatchEntry e : s.exact.getOrDefault(norm, List.of())) {
            if (e.activeAt(now)) {
                hits.add(e);
            }
        }
        for (WatchEntry e : s.wildcards) {
            if (e.matches(norm, now)) {
                hits.add(e);
            }
        }
        return hits;
    }

    private static final class Snapshot {
        final Map<UUID, WatchEntry> byId;
        final Map<String, List<WatchEntry>> exact = new HashMap<>();
        final List<WatchEntry> wildcards = new ArrayList<>();

        Snapshot(Map<UUID, WatchEntry> byId) {
            this.byId = byId;
            for (WatchEntry e : byId.values()) {
                if (e.exact()) {
                    exact.computeIfAbsent(e.pattern(), k -> new ArrayList<>(1)).add(e);
                } else {
                    wildcards.add(e);
                }
            }
        }
    }
}
