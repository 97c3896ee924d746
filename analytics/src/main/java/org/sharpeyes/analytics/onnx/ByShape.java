package org.sharpeyes.analytics.onnx;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The last few objects made for a shape, so that a call whose shape recurs reuses one instead of
 * making another (regions and windows come in a few sizes frame after frame). The least recently
 * used is closed when a new shape needs its slot; {@link #clear} closes them all. Not thread-safe.
 */
@SuppressWarnings("unchecked")
final class ByShape<T> {
    private final long[][] shapes;
    private final Object[] values;
    private final long[] used;
    private final Consumer<T> close;
    private long clock;

    ByShape(int slots, Consumer<T> close) {
        shapes = new long[slots][];
        values = new Object[slots];
        used = new long[slots];
        this.close = close;
    }

    /** The object kept for {@code shape}, or null. */
    T get(long[] shape) {
        for (int i = 0; i < shapes.length; i++) {
            if (Arrays.equals(shapes[i], shape)) {
                used[i] = ++clock;
                return (T) values[i];
            }
        }
        return null;
    }

    /** Keeps {@code value} for a copy of {@code shape} in the least recently used slot, closing what was there. */
    T put(long[] shape, T value) {
        int slot = 0;
        for (int i = 1; i < used.length; i++) {
            if (used[i] < used[slot]) {
                slot = i;
            }
        }
        if (values[slot] != null) {
            close.accept((T) values[slot]);
        }
        shapes[slot] = shape.clone();
        values[slot] = value;
        used[slot] = ++clock;
        return value;
    }

    void clear() {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                close.accept((T) values[i]);
            }
            shapes[i] = null;
            values[i] = null;
            used[i] = 0;
        }
    }
}
