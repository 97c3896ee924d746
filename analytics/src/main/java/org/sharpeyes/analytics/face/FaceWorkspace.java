package org.sharpeyes.analytics.face;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.analytics.onnx.Regions;
import org.sharpeyes.analytics.onnx.Scratch;
import org.sharpeyes.common.Box;

/**
 * The native memory one detect call works in: the model's pinned tensors and the 8-bit canvas a
 * tile is scaled into, kept per input shape and reused by every tile of every call it is lent to.
 * Pointers are retained so that a PointerScope open around the call that created them cannot free
 * them; {@link #close} releases them.
 */
final class FaceWorkspace implements AutoCloseable {
    final FaceModel.Tensors tensors;
    /** The call's detections before merging, kept so that a busy call does not grow a new list. */
    final List<Candidate> candidates = new ArrayList<>();
    /** The parts of a tile around recent faces ({@link FaceDetector#detectAround}). */
    final List<Box> near = new ArrayList<>();
    private final FaceModel model;
    private final Scratch canvases;
    /** Headers pointed at the tile's pixels and the canvas's top-left for each tile, not made anew. */
    private final Mat source = new Mat().retainReference();
    private final Mat target = new Mat().retainReference();
    private final Size scaled = new Size().retainReference();
    private final Scalar black = new Scalar(0, 0, 0, 0).retainReference();

    FaceWorkspace(FaceModel model) {
        this.model = model;
        this.tensors = model.tensors();
        this.canvases = new Scratch(3L * model.inputSize() * model.inputSize());
    }

    /**
     * Scales the tile's pixels of {@code bgr} to its scaled size at the model input's top-left,
     * black around them, and writes them to the input tensor as RGB in [-1,1].
     */
    void load(Mat bgr, Tiling.Tile tile, int interpolation) {
        int rw = tile.scaledWidth();
        int rh = tile.scaledHeight();
        int width = model.padded(tile.inputWidth());
        int height = model.padded(tile.inputHeight());
        Mat canvas = canvases.mat(height, width, CV_8UC3);
        boolean whole = rw == width && rh == height;
        if (!whole) {
            canvas.put(black);
        }
        Regions.view(source, bgr, tile.x(), tile.y(), tile.width(), tile.height());
        if (!whole) {
            Regions.view(target, canvas, 0, 0, rw, rh);
        }
        // a target of the right size and type is written in place
        resize(source, whole ? canvas : target, scaled.width(rw).height(rh), 0, 0, interpolation);
        // the frame goes back to its pool after the call: hold no reference to it
        source.release();
        cvtColor(canvas, canvas, COLOR_BGR2RGB);
        canvas.convertTo(tensors.input(height, width), CV_32FC3, 1 / 127.5, -1);
    }

    @Override
    public void close() {
        tensors.close();
        canvases.close();
        source.close();
        target.close();
        scaled.close();
        black.close();
    }
}
