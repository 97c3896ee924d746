package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * PP-OCR v4 CRNN recognition of upright text crops: each crop is scaled to height 48 keeping its
 * aspect (at most {@link #MAX_WIDTH} wide), normalised to [-1, 1], right-padded to the widest in
 * its batch rounded up to a multiple of {@link #STRIDE} (and further where the model batches crops
 * across cameras, {@link org.sharpeyes.analytics.onnx.Batcher#padded}), and the softmax output
 * decoded by greedy CTC. Input and output tensors live in the caller's {@link PlateWorkspace}.
 */
final class TextRecognizer {
    static final int HEIGHT = 48;
    static final int MAX_WIDTH = 320;
    /**
     * The network gives one step per 8 input columns; a batch width that is a multiple of 8 gives
     * exactly width/8 steps, so the output's shape is known before the run and it can be pinned.
     */
    static final int STRIDE = 8;
    private static final int BATCH = 8;

    private final OcrModels models;
    private final CtcDecoder decoder;
    private final String outputName;

    TextRecognizer(OcrModels models) {
        this.models = models;
        this.decoder = new CtcDecoder(models.alphabet());
        this.outputName = models.recognizer().session().getOutputNames().iterator().next();
    }

    /** One recognition per crop (8-bit BGR), in the same order. */
    List<Recognition> recognize(List<Mat> crops, PlateWorkspace workspace) {
        List<Recognition> out = new ArrayList<>(crops.size());
        for (int from = 0; from < crops.size(); from += BATCH) {
            batch(crops.subList(from, Math.min(crops.size(), from + BATCH)), workspace, out);
        }
        return out;
    }

    private void batch(List<Mat> crops, PlateWorkspace workspace, List<Recognition> out) {
        int n = crops.size();
        int[] widths = new int[n];
        int width = 0;
        for (int i = 0; i < n; i++) {
            Mat c = crops.get(i);
            widths[i] = Math.max(1, Math.min(MAX_WIDTH, (int) Math.ceil(HEIGHT * (double) c.cols() / c.rows())));
            width = Math.max(width, widths[i]);
        }
        width = models.recognizer().padded((width + STRIDE - 1) / STRIDE * STRIDE);
        int plane = HEIGHT * width;
        FloatBuffer input = workspace.input().floats(n * 3 * plane);
        for (int i = 0; i < n; i++) {
            resize(crops.get(i), workspace.pixels().mat(HEIGHT, widths[i], CV_8UC3),
                    workspace.kit().size.width(widths[i]).height(HEIGHT), 0, 0, INTER_LINEAR);
            fill(workspace.pixels().bytes(HEIGHT * widths[i] * 3), widths[i], input, i * 3 * plane, width);
        }
        int steps = width / STRIDE;
        int classes = models.alphabet().size();
        try {
            OnnxTensor x = workspace.input().tensor(models.env(), n, 3, HEIGHT, width);
            OnnxTensor y = workspace.output().tensor(models.env(), n, steps, classes);
            // the output is pinned: the run writes it in place
            models.recognizer().run(x, Map.of(outputName, y));
            FloatBuffer probs = workspace.output().floats(n * steps * classes);
            for (int i = 0; i < n; i++) {
                out.add(decoder.decode(probs, i * steps * classes, steps));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("text recognition failed: " + e.getMessage(), e);
        }
    }

    /** Writes (x/255−0.5)/0.5 per channel, planar, into planes width wide; the padding right of w is 0. */
    private static void fill(ByteBuffer bgr, int w, FloatBuffer out, int offset, int width) {
        int plane = HEIGHT * width;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < HEIGHT; y++) {
                int row = offset + c * plane + y * width;
                for (int x = 0; x < w; x++) {
                    out.put(row + x, (bgr.get(3 * (y * w + x) + c) & 0xff) / 127.5f - 1f);
                }
                for (int x = w; x < width; x++) {
                    out.put(row + x, 0f);
                }
            }
        }
    }
}
