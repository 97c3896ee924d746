package org.sharpeyes.analytics.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cross-camera batching, on PP-OCR v4 recognition ([n,3,48,w] in, [n,w/8,6625] out) on the CPU. */
class BatcherTest {
    private static final String MODEL = "models/ch_PP-OCRv4_rec_infer.onnx";
    private static final int CLASSES = 6625;
    private static final int THREADS = 6;
    private static final int CALLS = 8;
    private static final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private static byte[] model;
    private static ExecutorService threads;

    /** One call: its own input, and the outputs the model gives it alone. */
    private record Case(int n, int width, float[] input, float[] alone) {
    }

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = BatcherTest.class.getClassLoader().getResourceAsStream(MODEL)) {
            model = in.readAllBytes();
        }
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stop() {
        threads.shutdownNow();
    }

    @Test
    void callsOfOneShapeFromManyThreadsShareRunsAndEachGetsItsOwnOutputs() throws Exception {
        // two shapes, and calls of one and of two crops, all at once from every thread
        List<Case> cases = new ArrayList<>();
        try (OrtSession alone = session()) {
            for (int i = 0; i < THREADS * CALLS; i++) {
                int n = i % 3 == 0 ? 2 : 1;
                int width = i % 2 == 0 ? 96 : 160;
                float[] input = noise(n * 3 * 48 * width, i);
                cases.add(new Case(n, width, input, run(alone, input, n, width)));
            }
        }
        try (Batcher batcher = new Batcher(env, session(), 8)) {
            runAll(batcher, cases);
            Batcher.Stats stats = batcher.stats();
            assertThat(stats.items()).isEqualTo(cases.stream().mapToLong(Case::n).sum());
            assertThat(stats.runs()).as("runs for %d calls", cases.size()).isLessThan(cases.size());
        }
    }

    @Test
    void withALimitOfOneEveryCallRunsAlone() throws Exception {
        List<Case> cases = new ArrayList<>();
        try (OrtSession alone = session()) {
            for (int i = 0; i < THREADS * 2; i++) {
                float[] input = noise(3 * 48 * 96, i);
                cases.add(new Case(1, 96, input, run(alone, input, 1, 96)));
            }
        }
        try (Batcher batcher = new Batcher(env, session(), 1)) {
            runAll(batcher, cases);
            assertThat(batcher.stats()).isEqualTo(new Batcher.Stats(cases.size(), cases.size()));
        }
    }

    @Test
    void aRunThatFailsFailsEachOfItsCallsAndLaterRunsGoOn() throws Exception {
        try (Batcher batcher = new Batcher(env, session(), 8)) {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                calls.add(threads.submit(() -> {
                    try (Scratch in = new Scratch(0); Scratch out = new Scratch(0)) {
                        OnnxTensor x = in.tensor(env, 1, 4, 48, 96); // four channels: the model takes three
                        OnnxTensor y = out.tensor(env, 1, 12, CLASSES);
                        start.await();
                        assertThatThrownBy(() -> batcher.run(x, Map.of("softmax_11.tmp_0", y)))
                                .isInstanceOf(OrtException.class);
                    }
                    return null;
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
            float[] input = noise(3 * 48 * 96, 1);
            float[] expected;
            try (OrtSession alone = session()) {
                expected = run(alone, input, 1, 96);
            }
            assertThat(maxDifference(call(batcher, new Case(1, 96, input, expected)), expected)).isLessThan(1e-4f);
        }
    }

    /** Every case from the threads at once; each must get the outputs it gets alone. */
    private static void runAll(Batcher batcher, List<Case> cases) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            done.add(threads.submit(() -> {
                start.await();
                for (int i = first; i < cases.size(); i += THREADS) {
                    Case c = cases.get(i);
                    // batching pads nothing and mixes nothing: a crop's outputs are its own, up to float rounding
                    assertThat(maxDifference(call(batcher, c), c.alone())).as("call %d", i).isLessThan(1e-4f);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    /** Largest difference of two equally long arrays (AssertJ's containsExactly with an offset is quadratic). */
    private static float maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static float[] call(Batcher batcher, Case c) throws OrtException {
        try (Scratch in = new Scratch(0); Scratch out = new Scratch(0)) {
            OnnxTensor x = in.tensor(env, c.n(), 3, 48, c.width());
            in.floats(c.input().length).put(0, c.input());
            OnnxTensor y = out.tensor(env, c.n(), c.width() / 8, CLASSES);
            batcher.run(x, Map.of("softmax_11.tmp_0", y));
            float[] values = new float[c.alone().length];
            out.floats(values.length).get(0, values);
            return values;
        }
    }

    private static float[] run(OrtSession session, float[] input, int n, int width) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, 3, 48, width});
             OrtSession.Result result = session.run(Map.of("x", x))) {
            FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[y.remaining()];
            y.get(values);
            return values;
        }
    }

    private static OrtSession session() throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return env.createSession(model, options);
        }
    }

    private static float[] noise(int count, long seed) {
        Random rnd = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = rnd.nextFloat() * 2 - 1;
        }
        return values;
    }
}
