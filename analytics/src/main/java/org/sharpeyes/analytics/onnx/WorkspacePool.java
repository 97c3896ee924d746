package org.sharpeyes.analytics.onnx;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The per-call native memory of a detector, lent to one call at a time. A detector owns its pool
 * and frees every workspace in it on {@link #close}; there are never more workspaces than calls
 * that once ran at the same time (the threads of the executors calling the detector), each reused
 * by whichever thread calls next. A workspace given back after close is freed at once.
 */
public final class WorkspacePool<W extends AutoCloseable> implements AutoCloseable {
    private final Supplier<W> factory;
    private final ArrayDeque<W> idle = new ArrayDeque<>();
    private boolean closed;

    public WorkspacePool(Supplier<W> factory) {
        this.factory = factory;
    }

    /** An idle workspace, or a new one; hand it back with {@link #give} when the call ends. */
    public W take() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("detector closed");
            }
            W w = idle.pollLast();
            if (w != null) {
                return w;
            }
        }
        return factory.get();
    }

    public void give(W workspace) {
        synchronized (this) {
            if (!closed) {
                idle.addLast(workspace);
                return;
            }
        }
        free(workspace);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            while (!idle.isEmpty()) {
                free(idle.pollLast());
            }
        }
    }

    private static void free(AutoCloseable workspace) {
        try {
            workspace.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot free a detector workspace: " + e.getMessage(), e);
        }
    }
}
