package org.sharpeyes.analytics.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs a one-input float model for every camera of the process, joining the inputs that cameras'
 * threads hand it at the same time into one run (cross-camera batching). On a GPU a run has a
 * fixed cost (kernel launches, copies, synchronisation) that small inputs do not cover; there one
 * run at a time takes every waiting input of the oldest one's shape, up to {@code limit} items, so
 * batches form exactly when the device is the bottleneck, with no timer. With a limit of 1 (the
 * CPU's way) every call runs at once on its caller's thread, concurrently with the others.
 * Inputs join only inputs of their shape, so where runs are batched the models pad theirs to a few
 * sizes ({@link #padded}).
 *
 * <p>Calls give tensors over direct buffers ({@link Scratch}), the batch first in the input's
 * shape, and pinned outputs, as to {@link OrtSession#run(Map, Map)}; a batched call's input is
 * copied into the batch and its share of the outputs back. The model's outputs must all have the
 * batch first. Owns the session.
 */
public final class Batcher implements AutoCloseable {
    /** Where runs are batched, inputs are padded to multiples of this many pixels a side. */
    static final int BUCKET = 128;

    /** Runs made and items they held, since the batcher was made: items / runs is the mean batch. */
    public record Stats(long runs, long items) {
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final int limit;

    // guarded by this
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    private boolean running;
    private long runs;
    private long items;

    // used by the one running thread
    private final Scratch input = new Scratch(0);
    private final Map<String, Scratch> outputs = new HashMap<>();

    /** One caller's input and pinned outputs; {@code done} and {@code failure} are guarded by the batcher. */
    private static final class Call {
        final OnnxTensor input;
        final long[] shape;
        final Map<String, OnnxTensor> outputs;
        boolean done;
        Throwable failure;

        Call(OnnxTensor input, Map<String, OnnxTensor> outputs) {
            this.input = input;
            this.shape = input.getInfo().getShape();
            this.outputs = outputs;
        }

        boolean batchesWith(Call other) {
            return Arrays.equals(shape, 1, shape.length, other.shape, 1, other.shape.length);
        }
    }

    /** @param limit most items (the inputs' first dimension, summed) one run takes; 1 runs every call alone */
    public Batcher(OrtEnvironment env, OrtSession session, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("batch limit must be >= 1, got " + limit);
        }
        if (session.getNumInputs() != 1) {
            throw new IllegalArgumentException("a batched model takes one input, this one takes " + session.getInputNames());
        }
        this.env = env;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        this.limit = limit;
    }

    public OrtSession session() {
        return session;
    }

    /**
     * The side an input of {@code side} pixels is padded to: where runs are batched, the next
     * multiple of {@link #BUCKET}, so that cameras' inputs of nearby sizes meet in one shape (a
     * GPU pays little for the padding); otherwise {@code side}.
     */
    public int padded(int side) {
        return limit == 1 ? side : (side + BUCKET - 1) / BUCKET * BUCKET;
    }

    /**
     * Runs {@code input} ({@code [n, …]}) and writes the results into the pinned {@code outputs}
     * ({@code [n, …]} each), alone or in a batch with other callers' inputs of the same shape.
     */
    public void run(OnnxTensor input, Map<String, OnnxTensor> outputs) throws OrtException {
        if (limit == 1) {
            session.run(Map.of(inputName, input), outputs).close();
            ranAlone(input.getInfo().getShape()[0]);
            return;
        }
        Call call = new Call(input, outputs);
        boolean interrupted = false;
        synchronized (this) {
            waiting.add(call);
        }
        while (true) {
            List<Call> batch;
            synchronized (this) {
                // not interruptible: a call given up would still be run, into buffers its caller reuses
                while (running && !call.done) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (call.done) {
                    break;
                }
                running = true;
                batch = take();
            }
            Throwable failure = null;
            try {
                execute(batch);
            } catch (OrtException | RuntimeException | Error e) { // each caller of the batch throws it
                failure = e;
            } finally {
                synchronized (this) {
                    for (Call c : batch) {
                        c.done = true;
                        c.failure = failure;
                    }
                    running = false;
                    notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (call.failure instanceof OrtException e) {
            throw e;
        } else if (call.failure instanceof Error e) {
            throw e;
        } else if (call.failure != null) {
            throw (RuntimeException) call.failure;
        }
    }

    public synchronized Stats stats() {
        return new Stats(runs, items);
    }

    /** The oldest waiting call and those of its shape after it, up to {@code limit} items; under the lock. */
    private List<Call> take() {
        Call first = waiting.poll();
        List<Call> batch = new ArrayList<>();
        batch.add(first);
        long n = first.shape[0];
        for (Iterator<Call> it = waiting.iterator(); it.hasNext(); ) {
            Call c = it.next();
            if (c.batchesWith(first) && n + c.shape[0] <= limit) {
                batch.add(c);
                n += c.shape[0];
                it.remove();
            }
        }
        runs++;
        items += n;
        return batch;
    }

    private synchronized void ranAlone(long items) {
        this.runs++;
        this.items += items;
    }

    /** Runs the calls as one: a single one in place, several through the batch's own memory. */
    private void execute(List<Call> batch) throws OrtException {
        Call first = batch.get(0);
        if (batch.size() == 1) {
            session.run(Map.of(inputName, first.input), first.outputs).close();
            return;
        }
        long n = 0;
        for (Call c : batch) {
            n += c.shape[0];
        }
        long[] inShape = first.shape.clone();
        inShape[0] = n;
        OnnxTensor x = input.tensor(env, inShape);
        FloatBuffer xs = floats(x);
        int at = 0;
        for (Call c : batch) {
            int size = Scratch.elements(c.shape);
            xs.put(at, floats(c.input), 0, size);
            at += size;
        }
        Map<String, OnnxTensor> ys = new HashMap<>();
        for (Map.Entry<String, OnnxTensor> e : first.outputs.entrySet()) {
            long[] shape = e.getValue().getInfo().getShape();
            shape[0] = n;
            ys.put(e.getKey(), outputs.computeIfAbsent(e.getKey(), k -> new Scratch(0)).tensor(env, shape));
        }
        session.run(Map.of(inputName, x), ys).close();
        for (Map.Entry<String, OnnxTensor> e : ys.entrySet()) {
            FloatBuffer all = floats(e.getValue());
            int from = 0;
            for (Call c : batch) {
                OnnxTensor mine = c.outputs.get(e.getKey());
                int size = Scratch.elements(mine.getInfo().getShape());
                floats(mine).put(0, all, from, size);
                from += size;
            }
        }
    }

    /** The whole direct buffer a tensor was made over, from its start. */
    private static FloatBuffer floats(OnnxTensor t) {
        Buffer b = t.getBufferRef().orElseThrow(() ->
                new IllegalArgumentException("a batched call's tensors must be made over direct buffers"));
        return ((FloatBuffer) b).duplicate().clear();
    }

    /** Closes the session; calls must have ended. */
    @Override
    public void close() throws OrtException {
        try {
            session.close();
        } finally {
            input.close();
            outputs.values().forEach(Scratch::close);
        }
    }
}
