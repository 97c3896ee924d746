package org.sharpeyes.analytics.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import org.sharpeyes.common.Box;

/**
 * Plate candidate windows of one camera where no plate was read, remembered for {@link #HOLD}:
 * a sign, grille or kerb that stands still gives the same window frame after frame while
 * something moves near it, and text detection there would fail the same way each time. A
 * window counts as the same only when nearly identical, so a plate that moves (a car coming
 * closer) is looked at again at once; one remembered is looked at again when its hold ends.
 */
final class BarrenWindows {
    /** How long a window where no plate was read is skipped. */
    static final Duration HOLD = Duration.ofSeconds(2);
    /** Windows this alike (intersection over union) are the same place. */
    static final double SAME_PLACE_IOU = 0.9;

    private record Barren(Box window, Instant since) {
    }

    private final ArrayDeque<Barren> remembered = new ArrayDeque<>();

    /** Forgets the windows whose hold has ended at {@code now}. */
    void expire(Instant now) {
        while (!remembered.isEmpty() && remembered.peekFirst().since().until(now, ChronoUnit.NANOS) >= HOLD.toNanos()) {
            remembered.pollFirst();
        }
    }

    /** Whether a window at the same place is remembered. */
    boolean contains(Box window) {
        for (Barren b : remembered) {
            if (b.window().iou(window) >= SAME_PLACE_IOU) {
                return true;
            }
        }
        return false;
    }

    /** Remembers a window where no plate was read, from {@code now} (times must not go back). */
    void add(Box window, Instant now) {
        remembered.addLast(new Barren(window, now));
    }
}
