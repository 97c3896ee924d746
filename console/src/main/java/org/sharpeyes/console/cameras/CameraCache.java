package org.sharpeyes.console.cameras;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.sharpeyes.common.Camera;
import org.sharpeyes.gateway.registry.CameraRegistry;

/**
 * Cameras by id for labelling results (names, positions): a search page names up to 50 cameras,
 * and one registry query each was the console's largest cost under load. Entries live
 * {@code maxAge}, so a rename shows within that. Never used for access checks ({@link CameraAccess} reads fresh).
 */
public final class CameraCache implements Function<UUID, Camera> {
    /** How long a looked-up camera is reused: renames and moves show in results within this. */
    public static final Duration AGE = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 50_000;

    private record Entry(Camera camera, long loadedAt) {
    }

    private final CameraRegistry registry;
    private final long maxAgeNanos;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    public CameraCache(CameraRegistry registry, Duration maxAge) {
        this.registry = registry;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The camera, or null when there is none; blocking on a miss. */
    @Override
    public Camera apply(UUID id) {
        long now = System.nanoTime();
        Entry e = entries.get(id);
        if (e == null || now - e.loadedAt() > maxAgeNanos) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            e = new Entry(registry.get(id).orElse(null), now);
            entries.put(id, e);
        }
        return e.camera();
    }
}
