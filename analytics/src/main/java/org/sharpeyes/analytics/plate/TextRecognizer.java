package org.sharpeyes.analytics.plate;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * PP-OCR v4 CRNN recognition of upright text crops: each crop is scaled to height 48 keeping its
 * aspect (at most {@link #MAX_WIDTH} wide), normalised to [-1, 1], right-padded to the widest in
 * its batch, and the softmax output decoded by greedy CTC.
 */
public final class TextRecognizer {
    static final int HEIGHT = 48;
    static final int MAX_WIDTH = 320;
    private static final int BATCH = 8;

    private final OcrModels models;
    private final CtcDecoder decoder;

    public TextRecognizer(OcrModels models) {
        this.models = models;
        this.decoder = new CtcDecoder(models.alphabet());
    }

    /** One recognition per crop (8-bit BGR), in the same order. */
    public List<Recognition> recognize(List<Mat> crops) {
        List<Recognition> out = new ArrayList<>(crops.size());
        for (int from = 0; from < crops.size(); from += BATCH) {
            out.addAll(batch(crops.subList(from, Math.min(crops.size(), from + BATCH))));
        }
        return out;
    }

    private List<Recognition> batch(List<Mat> crops) {
        int[] widths = new int[crops.size()];
        int width = 0;
        for (int i = 0; i < crops.size(); i++) {
            Mat c = crops.get(i);
            TextDetector.requireBgr(c);
            widths[i] = Math.max(1, Math.min(MAX_WIDTH, (int) Math.ceil(HEIGHT * (double) c.cols() / c.rows())));
            width = Math.max(width, widths[i]);
        }
        int plane = HEIGHT * width;
        float[] input = new float[crops.size() * 3 * plane];
        try (PointerScope scope = new PointerScope()) {
            for (int i = 0; i < crops.size(); i++) {
                Mat resized = new Mat();
                resize(crops.get(i), resized, new Size(widths[i], HEIGHT), 0, 0, INTER_LINEAR);
                fill(resized, input, i * 3 * plane, width);
            }
        }
        OrtSession session = models.recognizer();
        try (OnnxTensor x = OnnxTensor.createTensor(models.env(), FloatBuffer.wrap(input),
                new long[] {crops.size(), 3, HEIGHT, width});
             OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
            OnnxTensor y = (OnnxTensor) result.get(0);
            long[] shape = y.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            float[] probs = new float[crops.size() * steps * classes];
            y.getFloatBuffer().get(probs);
            List<Recognition> out = new ArrayList<>(crops.size());
            for (int i = 0; i < crops.size(); i++) {
                out.add(decoder.decode(probs, i * steps * classes, steps));
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("text recognition failed: " + e.getMessage(), e);
        }
    }

    /** Writes (x/255−0.5)/0.5 per channel, planar, into a plane width wide; padding stays 0. */
    private static void fill(Mat bgr, float[] out, int offset, int width) {
        int w = bgr.cols();
        byte[] px = new byte[w * HEIGHT * 3];
        bgr.data().get(px);
        int plane = HEIGHT * width;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < w; x++) {
                int p = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    out[offset + c * plane + y * width + x] = (px[p + c] & 0xff) / 127.5f - 1f;
                }
            }
        }
    }
}
