package org.sharpeyes.analytics.onnx;

import static org.bytedeco.opencv.global.opencv_core.CV_MAT_CN;
import static org.bytedeco.opencv.global.opencv_core.CV_MAT_DEPTH;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Native memory reused from call to call: model inputs and outputs, and the images they are made
 * from. ONNX Runtime and OpenCV read and write it in place, through the views handed out here; it
 * grows when a call needs more (by half at least, so growth stops at the largest size seen) and is
 * freed by {@link #close}. A view is valid until the next request for more memory than the
 * current capacity, so a caller takes the views of one step together and drops them after.
 * Image headers and tensors belong to the scratch: the last few of each shape are kept and handed
 * out again for the same shape (each costs a few hundred bytes of heap to make), and closed when
 * the memory is reallocated or the scratch closes. Not thread-safe.
 */
public final class Scratch implements AutoCloseable {
    /** Bytes per channel value of each OpenCV depth: 8U, 8S, 16U, 16S, 32S, 32F, 64F, 16F. */
    private static final int[] DEPTH_BYTES = {1, 1, 2, 2, 4, 4, 8, 2};

    /** Headers and tensors kept per kind: well over what one step uses at once, so the sizes that recur stay. */
    private static final int KEPT = 64;

    private final ByShape<Mat> headers = new ByShape<>(KEPT, Mat::close);
    // a caller may have closed a tensor it was handed (FaceModel closes its own)
    private final ByShape<OnnxTensor> tensors = new ByShape<>(KEPT, t -> {
        if (!t.isClosed()) {
            t.close();
        }
    });
    private final long[] matShape = new long[3];
    private BytePointer memory;
    private ByteBuffer bytes;
    private FloatBuffer floats;

    /** @param bytes initial capacity */
    public Scratch(long bytes) {
        allocate(Math.max(64, bytes));
    }

    /**
     * A header over the first rows·cols pixels of {@code type} (CV_8UC3, CV_32FC3…), owned by the
     * scratch (retained, so a PointerScope around the call does not free it either).
     */
    public Mat mat(int rows, int cols, int type) {
        reserve((long) rows * cols * CV_MAT_CN(type) * DEPTH_BYTES[CV_MAT_DEPTH(type)]);
        matShape[0] = rows;
        matShape[1] = cols;
        matShape[2] = type;
        Mat kept = headers.get(matShape);
        return kept != null ? kept : headers.put(matShape, new Mat(rows, cols, type, memory).retainReference());
    }

    /** The first {@code count} bytes, position 0. */
    public ByteBuffer bytes(int count) {
        reserve(count);
        bytes.clear().limit(count);
        return bytes;
    }

    /** The first {@code count} floats, position 0. */
    public FloatBuffer floats(int count) {
        reserve(4L * count);
        floats.clear().limit(count);
        return floats;
    }

    /** A tensor of the given shape over the first floats, no copy (ONNX Runtime wraps direct buffers); owned by the scratch. */
    public OnnxTensor tensor(OrtEnvironment env, long... shape) throws OrtException {
        FloatBuffer values = floats(elements(shape));
        OnnxTensor kept = tensors.get(shape);
        return kept != null ? kept : tensors.put(shape, OnnxTensor.createTensor(env, values, shape));
    }

    /** Values in a tensor of {@code shape}. */
    static int elements(long[] shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        return Math.toIntExact(count);
    }

    private void reserve(long need) {
        if (need > memory.capacity()) {
            long grown = Math.max(need, memory.capacity() + memory.capacity() / 2);
            release();
            allocate(grown);
        }
    }

    private void allocate(long size) {
        // retained: a PointerScope open around the call that made it must not free it with the call's temporaries
        memory = new BytePointer(size).retainReference();
        bytes = memory.asByteBuffer();
        floats = bytes.asFloatBuffer();
    }

    @Override
    public void close() {
        if (memory != null) {
            release();
            memory = null;
            bytes = null;
            floats = null;
        }
    }

    /** Closes what views the memory, then the memory. */
    private void release() {
        headers.clear();
        tensors.clear();
        memory.close();
    }
}
