package org.sharpeyes.analytics.pipeline;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Nanoseconds spent and calls made per {@link Stage}; written by the pipeline's threads, read by anyone. */
public final class StageTimes {
    private final AtomicLongArray nanos = new AtomicLongArray(Stage.values().length);
    private final AtomicLongArray calls = new AtomicLongArray(Stage.values().length);

    void add(Stage stage, long elapsedNanos) {
        nanos.addAndGet(stage.ordinal(), elapsedNanos);
        calls.incrementAndGet(stage.ordinal());
    }

    public long nanos(Stage stage) {
        return nanos.get(stage.ordinal());
    }

    public long calls(Stage stage) {
        return calls.get(stage.ordinal());
    }

    /** Total milliseconds per stage. */
    public Map<Stage, Double> millis() {
        Map<Stage, Double> out = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            out.put(s, nanos(s) / 1e6);
        }
        return out;
    }
}
