package org.sharpeyes.analytics.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.util.Locale;

/**
 * Where and how ONNX Runtime runs the models.
 *
 * @param device         {@code cpu}, or {@code cuda}: the CUDA execution provider on GPU 0, which
 *                       needs the {@code onnxruntime_gpu} artifact (Maven profile {@code cuda})
 * @param intraOpThreads threads per inference on the CPU (0 lets ONNX Runtime use every core)
 * @param batch          most inputs of one shape a model run takes from the cameras' threads
 *                       ({@link Batcher}); 0 picks the device's: {@value #CPU_BATCH} on the CPU,
 *                       where concurrent runs use the cores, {@value #CUDA_BATCH} on CUDA, where a
 *                       run's fixed cost is paid once per batch
 */
public record Inference(Device device, int intraOpThreads, int batch) {
    static final int CPU_BATCH = 1;
    static final int CUDA_BATCH = 16;

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
        if (batch < 0 || batch > 1024) {
            throw new IllegalArgumentException("batch must be 0 (by device) to 1024, got " + batch);
        }
        if (batch == 0) {
            batch = device == Device.CUDA ? CUDA_BATCH : CPU_BATCH;
        }
    }

    /** With the device's batch. */
    public Inference(Device device, int intraOpThreads) {
        this(device, intraOpThreads, 0);
    }

    public static Inference cpu(int intraOpThreads) {
        return new Inference(Device.CPU, intraOpThreads);
    }

    /** Runs of {@code session} (made with {@link #options}) batched up to {@link #batch}; it owns the session. */
    public Batcher batcher(OrtEnvironment env, OrtSession session) {
        return new Batcher(env, session, batch);
    }

    /** Fresh session options for this placement; the caller closes them. */
    public OrtSession.SessionOptions options() {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            if (device == Device.CUDA) {
                // GPU 0. cuDNN's exhaustive search (ONNX Runtime's default) would time every algorithm again
                // for each new input shape, and a batched run's first dimension changes from run to run
                try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(0)) {
                    cuda.add("cudnn_conv_algo_search", "HEURISTIC");
                    options.addCUDA(cuda); // copied into the session options
                }
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
