package org.sharpeyes.analytics.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.onnx.Regions;
import org.sharpeyes.analytics.onnx.WorkspacePool;
import org.sharpeyes.common.Box;

/**
 * Finds faces in a BGR frame, or in one region of it (a motion region), with a BlazeFace model run
 * on the inputs {@link Tiling} plans (the region at a few scales, each one input of its own shape
 * or a few large pieces); detections of all inputs are merged by {@link WeightedNms}.
 * Thread-safe when its model is. Each call borrows a {@link FaceWorkspace} from the detector's
 * pool, so steady-state calls allocate no native memory and little heap; {@link #close} frees the
 * pool (the model stays open: it is not the detector's).
 */
public final class FaceDetector implements AutoCloseable {
    /**
     * @param minFace  smallest face side, in frame pixels, to find; sets the finest level's scale
     * @param minScore detector confidence a face needs, in (0,1)
     */
    public record Settings(int minFace, float minScore) {
        /** A camera's frames (the node's {@code analytics.face} defaults). */
        public static final Settings DEFAULTS = new Settings(24, 0.65f);
        /**
         * Single pictures ({@code analyze-image}), where faces lying on plate-shaped text are
         * dropped afterwards ({@code Still}), which halves the false faces at a lower threshold;
         * {@code minFace} is then for a 1080p picture ({@link #detectStill}). ACCURACY.md has the
         * operating points.
         */
        public static final Settings STILLS = new Settings(24, 0.6f);

        public Settings {
            if (minFace < 8) {
                throw new IllegalArgumentException("minFace must be >= 8 px, got " + minFace);
            }
            if (!(minScore > 0 && minScore < 1)) {
                throw new IllegalArgumentException("minScore must be in (0,1), got " + minScore);
            }
        }
    }

    /** Rows (of the shorter side) of the picture {@code minFace} is meant for in {@link #detectStill}. */
    static final int STILL_ROWS = 1080;
    /** The least {@code minFace} a smaller picture gets in {@link #detectStill}: faces under it score like noise. */
    static final int MIN_STILL_FACE = 16;

    /** Around a recent face, the parts within this many face sides of it run (a walker's reach in a few frames). */
    static final int REACH = 2;

    private final FaceModel model;
    private final Settings settings;
    private final WorkspacePool<FaceWorkspace> workspaces;

    public FaceDetector(FaceModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        this.workspaces = new WorkspacePool<>(() -> new FaceWorkspace(model));
    }

    /** Faces of a whole 8-bit BGR frame, best score first. */
    public List<Face> detect(Mat bgr) {
        return detect(bgr, new Box(0, 0, bgr.cols(), bgr.rows()));
    }

    /** Faces inside {@code region} of an 8-bit BGR frame (clipped to it), in frame pixels, best score first. */
    public List<Face> detect(Mat bgr, Box region) {
        return detect(bgr, region, null, settings.minFace());
    }

    /**
     * Faces of a whole picture, with {@code minFace} meant for a 1080p one: a picture whose shorter
     * side is smaller has the smallest face scaled down with it (16 px at 720p), a larger one keeps
     * {@code minFace} (a 4000×3000 photo of a crowd still has 24 px faces worth finding).
     */
    public List<Face> detectStill(Mat bgr) {
        int minFace = stillMinFace(settings.minFace(), Math.min(bgr.cols(), bgr.rows()));
        return detect(bgr, new Box(0, 0, bgr.cols(), bgr.rows()), null, minFace);
    }

    /** {@code minFace} scaled to a picture's shorter side, never under {@link #MIN_STILL_FACE} (nor over {@code minFace}). */
    static int stillMinFace(int minFace, int shorterSide) {
        int scaled = (int) Math.round((double) minFace * shorterSide / STILL_ROWS);
        return Math.min(minFace, Math.max(MIN_STILL_FACE, scaled));
    }

    /**
     * {@link #detect(Mat, Box)} around faces seen lately ({@code recent}, frame pixels). A region
     * of one input is looked at whole (little to save, and a new face there is still found); in a
     * larger one only the parts of its plan within {@link #REACH} face sides of a recent face, at
     * the levels that are the finest (faces below {@code minFace}, at the edge of the model's
     * range, are found there) or show that face at least at the model's smallest. They are parts
     * of the whole region's plan, at its scales: such a face is found as over the whole region,
     * for a fraction of the cost.
     */
    public List<Face> detectAround(Mat bgr, Box region, List<Box> recent) {
        return detect(bgr, region, recent, settings.minFace());
    }

    /** Faces in the region down to {@code minFace}; with {@code recent} not null, only in the parts {@link #detectAround} runs. */
    private List<Face> detect(Mat bgr, Box region, List<Box> recent, int minFace) {
        if (bgr.type() != CV_8UC3) {
            throw new IllegalArgumentException("face detection needs an 8-bit 3-channel BGR image, got type " + bgr.type());
        }
        Box clipped = Regions.clip(region, bgr.cols(), bgr.rows());
        if (clipped.width() == 0 || clipped.height() == 0) {
            return List.of();
        }
        FaceWorkspace workspace = workspaces.take();
        try {
            List<Candidate> candidates = workspace.candidates;
            List<Tiling.Tile> plan = Tiling.plan(clipped, model.inputSize(), minFace);
            for (int i = 0; i < plan.size(); i++) { // indexed: no iterator per call
                Tiling.Tile tile = plan.get(i);
                if (recent == null || plan.size() == 1) {
                    detectTile(bgr, clipped, tile, workspace, candidates);
                } else {
                    detectNear(bgr, clipped, tile, recent, Tiling.finestScale(minFace), workspace);
                }
            }
            if (candidates.isEmpty()) {
                return List.of(); // most calls: nothing to merge, nothing to allocate
            }
            List<Face> faces = new ArrayList<>();
            for (Candidate c : WeightedNms.merge(candidates)) {
                faces.add(toFace(c, bgr.cols(), bgr.rows()));
            }
            return faces;
        } finally {
            workspace.candidates.clear();
            workspaces.give(workspace);
        }
    }

    /**
     * Runs the parts of {@code tile} within {@link #REACH} face sides of a recent face, at the
     * tile's scale, where its level is the finest or shows that face at least at the model's
     * smallest; parts that overlap run as one.
     */
    private void detectNear(Mat bgr, Box region, Tiling.Tile tile, List<Box> recent, double finestScale,
            FaceWorkspace workspace) {
        List<Box> near = workspace.near;
        near.clear();
        Box bounds = tile.box();
        for (int i = 0; i < recent.size(); i++) { // indexed: runs per level of every held frame
            Box f = recent.get(i);
            int side = Math.max(f.width(), f.height());
            if (tile.scale() < finestScale && side < tile.smallestFace()) {
                continue;
            }
            int r = REACH * side;
            Box part = new Box(f.x() - r, f.y() - r, f.width() + 2 * r, f.height() + 2 * r).intersect(bounds);
            if (part != null) {
                near.add(part);
            }
        }
        Box.joinOverlapping(near);
        for (int i = 0; i < near.size(); i++) {
            Box part = near.get(i);
            detectTile(bgr, region, new Tiling.Tile(part.x(), part.y(), part.width(), part.height(), tile.scale()),
                    workspace, workspace.candidates);
        }
    }

    /** Scales the tile into the model input (top-left, black around it up to the input's size) and maps results back. */
    private void detectTile(Mat bgr, Box region, Tiling.Tile tile, FaceWorkspace workspace, List<Candidate> out) {
        int x0 = tile.x();
        int y0 = tile.y();
        int w = tile.width();
        int h = tile.height();
        int rw = tile.scaledWidth();
        int rh = tile.scaledHeight();
        // INTER_AREA costs 0.6 ms a tile against 0.1 for INTER_LINEAR, and only pays off where bilinear
        // would skip pixels (below half size): same recall on the tests' faces, marginally better boxes
        workspace.load(bgr, tile, tile.scale() < 0.5 ? INTER_AREA : INTER_LINEAR);
        double sx = (double) w / rw;
        double sy = (double) h / rh;
        // Edges inside the region: a face crossing one is cut, and lies whole in a neighbour or a coarser tile.
        boolean innerLeft = x0 > region.x();
        boolean innerTop = y0 > region.y();
        boolean innerRight = x0 + w < region.x() + region.width();
        boolean innerBottom = y0 + h < region.y() + region.height();
        int from = out.size();
        model.run(workspace.tensors, settings.minScore(), out);
        int kept = from;
        for (int i = from; i < out.size(); i++) {
            Candidate c = out.get(i);
            float[] g = c.geometry();
            g[0] = (float) (x0 + g[0] * sx);
            g[1] = (float) (y0 + g[1] * sy);
            g[2] = (float) (g[2] * sx);
            g[3] = (float) (g[3] * sy);
            for (int k = 4; k < Candidate.SIZE; k += 2) {
                g[k] = (float) (x0 + g[k] * sx);
                g[k + 1] = (float) (y0 + g[k + 1] * sy);
            }
            if (innerLeft && c.left() < x0 || innerTop && c.top() < y0
                    || innerRight && c.right() > x0 + w || innerBottom && c.bottom() > y0 + h) {
                continue;
            }
            out.set(kept++, c);
        }
        while (out.size() > kept) {
            out.remove(out.size() - 1);
        }
    }

    /** Frees the workspaces; calls still running free theirs when they end. */
    @Override
    public void close() {
        workspaces.close();
    }

    private static Face toFace(Candidate c, int width, int height) {
        int left = clamp(Math.round(c.left()), 0, width);
        int top = clamp(Math.round(c.top()), 0, height);
        int right = clamp(Math.round(c.right()), left, width);
        int bottom = clamp(Math.round(c.bottom()), top, height);
        float[] landmarks = new float[2 * Face.LANDMARKS];
        System.arraycopy(c.geometry(), 4, landmarks, 0, landmarks.length);
        return new Face(new Box(left, top, right - left, bottom - top), c.score(), landmarks);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
