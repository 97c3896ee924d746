package org.sharpeyes.analytics.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Locale;

/**
 * Where and how ONNX Runtime runs the models.
 *
 * @param device         {@code cpu}, or {@code cuda}: the CUDA execution provider on GPU 0, which
 *                       needs the {@code onnxruntime_gpu} artifact (Maven profile {@code cuda})
 * @param intraOpThreads threads per inference on the CPU (0 lets ONNX Runtime use every core)
 */
public record Inference(Device device, int intraOpThreads) {
    public enum Device {
        CPU, CUDA;

        /** {@code cpu} or {@code cuda}, any case. */
        public static Device parse(String text) {
            for (Device d : values()) {
                if (d.name().equalsIgnoreCase(text.trim())) {
                    return d;
                }
            }
            throw new IllegalArgumentException("device must be cpu or cuda, got '" + text + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Inference {
        if (device == null) {
            throw new IllegalArgumentException("device is required");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, got " + intraOpThreads);
        }
    }

    public static Inference cpu(int intraOpThreads) {
        return new Inference(Device.CPU, intraOpThreads);
    }

    /** Fresh session options for this placement; the caller closes them. */
    public OrtSession.SessionOptions options() {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            if (device == Device.CUDA) {
                options.addCUDA(0);
            }
            return options;
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException(device == Device.CUDA
                    ? "CUDA execution provider unavailable (build with -Pcuda on a node with CUDA 12 and cuDNN 9): "
                    + e.getMessage()
                    : "cannot configure ONNX Runtime: " + e.getMessage(), e);
        }
    }
}
