package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnyInputSizeTest {
    private static final List<String> OUTPUTS = List.of("Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0");
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    @Test
    void atTheExportedSizeTheRewrittenModelGivesTheSameOutputs() throws Exception {
        for (FaceModel.Variant v : FaceModel.Variant.values()) {
            byte[] export = Files.readAllBytes(FaceModel.defaultDirectory().resolve(v.file()));
            try (OrtSession original = session(export); OrtSession rewritten = session(AnyInputSize.of(export))) {
                for (long seed = 1; seed <= 3; seed++) {
                    float[] input = noise(v.inputSize, v.inputSize, seed);
                    for (String out : OUTPUTS) {
                        // Pad instead of Concat may change how ONNX Runtime fuses and orders the sums: float rounding only
                        assertThat(run(rewritten, input, v.inputSize, v.inputSize, out)).as("%s %s", v, out)
                                .containsExactly(run(original, input, v.inputSize, v.inputSize, out), offset(1e-4f));
                    }
                }
            }
        }
    }

    /** Any multiple of 32 on either side: the anchors are the two layers' cells (16 and 32 px) times 2 and 6. */
    @Test
    void theRewrittenModelTakesAnyHeightAndWidthInMultiplesOf32() throws Exception {
        byte[] export = Files.readAllBytes(FaceModel.defaultDirectory().resolve(FaceModel.Variant.BACK_256.file()));
        try (OrtSession rewritten = session(AnyInputSize.of(export))) {
            int[][] sizes = {{32, 32}, {96, 160}, {256, 448}, {512, 64}};
            for (int[] hw : sizes) {
                int h = hw[0];
                int w = hw[1];
                float[] input = noise(h, w, 7);
                assertThat(run(rewritten, input, h, w, "Identity:0")).hasSize(h / 16 * (w / 16) * 2);
                assertThat(run(rewritten, input, h, w, "Identity_3:0")).hasSize(h / 32 * (w / 32) * 6 * 16);
            }
        }
    }

    /** Inputs of one shape run as a batch (cameras' inputs joined by the Batcher) give each one's outputs. */
    @Test
    void aBatchOfInputsGivesEachTheOutputsItGetsAlone() throws Exception {
        byte[] export = Files.readAllBytes(FaceModel.defaultDirectory().resolve(FaceModel.Variant.BACK_256.file()));
        try (OrtSession rewritten = session(AnyInputSize.of(export))) {
            float[] first = noise(192, 320, 1);
            float[] second = noise(192, 320, 2);
            float[] both = new float[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            for (String out : OUTPUTS) {
                float[] alone1 = run(rewritten, first, 1, 192, 320, out);
                float[] alone2 = run(rewritten, second, 1, 192, 320, out);
                float[] batch = run(rewritten, both, 2, 192, 320, out);
                assertThat(batch).hasSize(alone1.length + alone2.length);
                assertThat(Arrays.copyOfRange(batch, 0, alone1.length)).as(out).containsExactly(alone1, offset(1e-4f));
                assertThat(Arrays.copyOfRange(batch, alone1.length, batch.length)).as(out)
                        .containsExactly(alone2, offset(1e-4f));
            }
        }
    }

    /** The same picture inside a larger input scores its anchors as the square alone did, away from the edges. */
    @Test
    void aPictureScoresTheSameInsideALargerInputAwayFromItsEdges() throws Exception {
        byte[] export = Files.readAllBytes(FaceModel.defaultDirectory().resolve(FaceModel.Variant.BACK_256.file()));
        try (OrtSession rewritten = session(AnyInputSize.of(export))) {
            float[] square = noise(256, 256, 3);
            float[] wide = new float[256 * 512 * 3];
            for (int y = 0; y < 256; y++) {
                System.arraycopy(square, y * 256 * 3, wide, y * 512 * 3, 256 * 3);
            }
            float[] alone = run(rewritten, square, 256, 256, "Identity:0");
            float[] inside = run(rewritten, wide, 256, 512, "Identity:0");
            int cells = 0;
            for (int row = 0; row < 16; row++) {
                // the model looks ~180 px around a cell: the first five columns see only the square (later ones
                // see the zero padding in one input and the zero pixels in the other, which differ after a layer)
                for (int col = 0; col < 5; col++) {
                    for (int a = 0; a < 2; a++) {
                        assertThat(inside[(row * 32 + col) * 2 + a]).isCloseTo(alone[(row * 16 + col) * 2 + a],
                                offset(1e-4f));
                        cells++;
                    }
                }
            }
            assertThat(cells).isEqualTo(160);
        }
    }

    private OrtSession session(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return env.createSession(model, options);
        }
    }

    private float[] run(OrtSession session, float[] input, int h, int w, String output) throws OrtException {
        return run(session, input, 1, h, w, output);
    }

    private float[] run(OrtSession session, float[] input, int n, int h, int w, String output) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {n, h, w, 3});
                OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
            FloatBuffer y = ((OnnxTensor) result.get(output).orElseThrow()).getFloatBuffer();
            float[] values = new float[y.remaining()];
            y.get(values);
            return values;
        }
    }

    private static float[] noise(int h, int w, long seed) {
        Random rnd = new Random(seed);
        float[] values = new float[h * w * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextFloat() * 2 - 1;
        }
        return values;
    }
}
