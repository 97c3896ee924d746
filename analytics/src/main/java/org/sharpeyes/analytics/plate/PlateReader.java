package org.sharpeyes.analytics.plate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.onnx.Regions;
import org.sharpeyes.analytics.onnx.WorkspacePool;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.PlateColor;
import org.sharpeyes.common.PlateText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and reads licence plates in two steps a caller can time apart. {@link #locate}: text
 * detection over a region of the frame, kept where the text is shaped like a plate's and its
 * background has a plate colour (recognition is the costly step, and text on no plate background
 * is never read; in a monochrome frame, where no plate shows its colour, shape alone decides).
 * {@link #read(Mat, List)}: recognition of those regions, and only what passes cheap plate checks
 * is kept: GA 36 format (a plate split at its separator or printed on two lines is joined first),
 * plausible aspect and confident characters. Thread-safe; the models are shared,
 * and each call borrows a {@link PlateWorkspace} from the reader's pool, which {@link #close} frees.
 */
public final class PlateReader implements AutoCloseable {
    /**
     * @param detMaxSide   longest side a region is scaled down to for text detection (default 960)
     * @param windowHeight height a candidate window is scaled down to for text detection (default
     *                     128): a window is about three plate heights, so only plates over ~45 px
     *                     tall shrink, and their text stays larger than text detection needs
     * @param minCharScore  least probability a letter or digit of an accepted plate may have (default 0.5)
     * @param minGlyphScore least probability its Chinese glyphs (province, 使, suffix) may have
     *                      (default 0.01): blur spoils these dense glyphs first, and the one a plate
     *                      has at their place is then often a distant second of the reader's 6,600
     *                      characters ({@link CtcDecoder}); ACCURACY.md has the trade-off measured
     */
    public record Settings(int detMaxSide, int windowHeight, double minCharScore, double minGlyphScore) {
        /** A camera's frames, where text is detected in small windows and the side cap seldom applies. */
        public static final Settings DEFAULTS = new Settings(960, 128, 0.5, 0.01);
        /**
         * Single pictures: a 1080p photo's text is detected at full size, where 960 would halve a
         * 100 px plate (ACCURACY.md: 80.0% exact instead of 74.8%, for about 4× the detection time).
         */
        public static final Settings STILLS = new Settings(1920, 128, 0.5, 0.01);

        public Settings {
            if (windowHeight < 32) {
                throw new IllegalArgumentException("windowHeight must be >= 32, got " + windowHeight);
            }
            if (!(minCharScore >= 0 && minCharScore <= 1)) {
                throw new IllegalArgumentException("minCharScore must be in [0,1], got " + minCharScore);
            }
            if (!(minGlyphScore >= 0 && minGlyphScore <= 1)) {
                throw new IllegalArgumentException("minGlyphScore must be in [0,1], got " + minGlyphScore);
            }
        }
    }

    /** Width/height range of a single-line plate's text region (unclipped DB box). */
    public static final double MIN_ASPECT = 2;
    static final double MAX_ASPECT = 8;
    /** Quads from overlapping windows this alike (intersection over union) are the same text. */
    static final double SAME_TEXT_IOU = 0.5;
    /**
     * A quad at least this share inside another and at least this share of its height is a piece
     * of the same line (a window cut through it) and gives way to it.
     */
    static final double PIECE_INSIDE = 0.8;
    static final double PIECE_HEIGHT = 0.7;
    /** A plate character's width and the gap before it, in text heights (45 + 12 mm of 90 mm glyphs), with some slack. */
    static final double GLYPH_WIDTH = 0.8;
    /** Characters of a plate short of one: a 7-character plate without its suffix or 使. */
    private static final int MISSING_ONE = 6;

    private static final Comparator<PlateRead> TOP_TO_BOTTOM = Comparator.comparingInt(r -> r.box().y());
    private static final Logger log = LoggerFactory.getLogger(PlateReader.class);

    private final TextDetector detector;
    private final TextRecognizer recognizer;
    private final Settings settings;
    private final WorkspacePool<PlateWorkspace> workspaces = new WorkspacePool<>(PlateWorkspace::new);

    public PlateReader(OcrModels models, Settings settings) {
        this.detector = new TextDetector(models, settings.detMaxSide());
        this.recognizer = new TextRecognizer(models);
        this.settings = settings;
    }

    /** Plates in an 8-bit BGR image (left untouched), top to bottom: {@link #locate} over all of it, then {@link #read(Mat, List)}. */
    public List<PlateRead> read(Mat bgr) {
        return read(bgr, locate(bgr, new Box(0, 0, bgr.cols(), bgr.rows())));
    }

    /**
     * Text regions that may be plates inside {@code region} of an 8-bit BGR frame (clipped to it):
     * detected at the region's own scale (its longest side capped at {@code detMaxSide}), shaped
     * like a plate's text and on a plate-coloured background (any background in a monochrome
     * frame, where no plate has its colour); corners in frame pixels, top to bottom.
     */
    public List<TextQuad> locate(Mat bgr, Box region) {
        return inRegion(bgr, region, (clipped, workspace) ->
                located(bgr, clipped, Integer.MAX_VALUE, PlateColorClassifier.monochrome(bgr, workspace), workspace));
    }

    /** @param maxHeight height the region is scaled down to (besides {@code detMaxSide}) for text detection */
    private List<TextQuad> located(Mat bgr, Box clipped, int maxHeight, boolean monochrome, PlateWorkspace workspace) {
        List<TextQuad> out = new ArrayList<>();
        for (TextQuad q : detector.detect(bgr, clipped, maxHeight, workspace)) {
            if (q.width() <= MAX_ASPECT * q.height() && q.height() <= 2 * q.width()
                    && (monochrome || color(bgr, q, workspace) != PlateColor.UNKNOWN)) {
                out.add(q);
            }
        }
        return out;
    }

    /**
     * Windows of {@code region} (clipped to the frame) where a plate may be, found without a network
     * ({@link PlateCandidates}); {@link #locate} on each costs a fraction of locating over the region.
     */
    public List<Box> candidates(Mat bgr, Box region) {
        return inRegion(bgr, region, (clipped, workspace) -> PlateCandidates.find(bgr, clipped, workspace));
    }

    /** Runs {@code work} on the region clipped to the frame (nothing for an empty one) with a borrowed workspace. */
    private <T> List<T> inRegion(Mat bgr, Box region, java.util.function.BiFunction<Box, PlateWorkspace, List<T>> work) {
        TextDetector.requireBgr(bgr);
        Box clipped = Regions.clip(region, bgr.cols(), bgr.rows());
        if (clipped.width() == 0 || clipped.height() == 0) {
            return List.of();
        }
        PlateWorkspace workspace = workspaces.take();
        try {
            return work.apply(clipped, workspace);
        } finally {
            workspaces.give(workspace);
        }
    }

    /**
     * {@link #locate} over each window (from {@link #candidates}), scaled down to at most
     * {@code windowHeight} (a near car's plate needs no more to be found; the crop it is read from
     * keeps the frame's resolution); where windows overlap, text seen in both is kept once (the
     * more confident quad), so it is read once. Top to bottom.
     */
    public List<TextQuad> locate(Mat bgr, List<Box> windows) {
        TextDetector.requireBgr(bgr);
        List<TextQuad> out = new ArrayList<>();
        if (windows.isEmpty()) {
            return out;
        }
        PlateWorkspace workspace = workspaces.take();
        try {
            boolean monochrome = PlateColorClassifier.monochrome(bgr, workspace);
            for (Box window : windows) {
                Box clipped = Regions.clip(window, bgr.cols(), bgr.rows());
                if (clipped.width() > 0 && clipped.height() > 0) {
                    keepOnce(located(bgr, clipped, settings.windowHeight(), monochrome, workspace), out, bgr);
                }
            }
        } finally {
            workspaces.give(workspace);
        }
        out.sort(TextQuad.TOP_TO_BOTTOM);
        return out;
    }

    /** Adds each quad to {@code out} unless a quad there is the same text, which the more confident of the two replaces. */
    private static void keepOnce(List<TextQuad> quads, List<TextQuad> out, Mat bgr) {
        for (TextQuad q : quads) {
            Box b = q.bounds(bgr.cols(), bgr.rows());
            int same = -1;
            for (int i = 0; i < out.size() && same < 0; i++) {
                if (out.get(i).bounds(bgr.cols(), bgr.rows()).iou(b) >= SAME_TEXT_IOU) {
                    same = i;
                }
            }
            if (same >= 0) {
                if (q.score() > out.get(same).score()) {
                    out.set(same, q);
                }
            } else if (!pieceOfAny(b, out, bgr)) {
                // pieces of this line, from windows that cut through it, are read with it
                out.removeIf(kept -> piece(kept.bounds(bgr.cols(), bgr.rows()), b));
                out.add(q);
            }
        }
    }

    private static boolean pieceOfAny(Box b, List<TextQuad> quads, Mat bgr) {
        for (int i = 0; i < quads.size(); i++) {
            if (piece(b, quads.get(i).bounds(bgr.cols(), bgr.rows()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code part} is a piece of the text line {@code line}: mostly inside it, and as tall. */
    static boolean piece(Box part, Box line) {
        return part.intersection(line) >= PIECE_INSIDE * part.area() && part.height() >= PIECE_HEIGHT * line.height();
    }

    /** The plates among text regions {@link #locate} found in the same frame, top to bottom. */
    public List<PlateRead> read(Mat bgr, List<TextQuad> located) {
        TextDetector.requireBgr(bgr);
        if (located.isEmpty()) {
            return List.of();
        }
        PlateWorkspace workspace = workspaces.take();
        try {
            boolean monochrome = PlateColorClassifier.monochrome(bgr, workspace);
            List<Mat> crops = new ArrayList<>(located.size());
            List<PlateColor> colors = new ArrayList<>(located.size());
            for (int i = 0; i < located.size(); i++) {
                Mat crop = QuadCrop.warp(bgr, located.get(i), workspace.kit(), i);
                crops.add(crop);
                colors.add(colour(crop, monochrome, workspace));
            }
            List<Recognition> texts = recognizer.recognize(crops, workspace);
            List<PlateRead> reads = plates(bgr, located, colors, texts, monochrome);
            for (int i = 0; i < located.size(); i++) {
                PlateFormat.Missing missing = missingGlyph(located.get(i), colors.get(i), monochrome, texts.get(i), reads, bgr);
                if (missing != PlateFormat.Missing.NONE) {
                    readAgain(bgr, located.get(i), missing, PlateText.normalise(texts.get(i).text()), monochrome,
                            workspace, reads);
                }
            }
            reads.sort(TOP_TO_BOTTOM); // pieces joined and second reads come after the single quads
            return reads;
        } finally {
            workspaces.give(workspace);
        }
    }

    /**
     * Which end of a single-line text on a black or white plate (any plate, in a monochrome frame),
     * with no plate read over it, lacks a character for the text to be a plate (NONE for most
     * texts). The text detector tends to leave a red 警, 领 or 使 (at times another suffix) out of
     * its quad: red on black has little contrast, and chroma subsampling smears red.
     */
    private static PlateFormat.Missing missingGlyph(TextQuad quad, PlateColor color, boolean monochrome, Recognition text,
                                                    List<PlateRead> reads, Mat bgr) {
        boolean neutral = color == PlateColor.BLACK || color == PlateColor.WHITE || monochrome && color == PlateColor.UNKNOWN;
        if (!neutral || quad.width() < MIN_ASPECT * quad.height() || alphanumerics(text.text()) != MISSING_ONE) {
            return PlateFormat.Missing.NONE;
        }
        Box box = quad.bounds(bgr.cols(), bgr.rows());
        for (PlateRead r : reads) {
            if (r.box().iou(box) > 0) {
                return PlateFormat.Missing.NONE;
            }
        }
        return PlateFormat.missing(PlateText.normalise(text.text()));
    }

    /**
     * Reads the quad again lengthened by a character at the end that lacks one; keeps the plate only
     * if it is the first text with that character (a suffix after it, 使 before it): the longer
     * quad may reach past the frame, where replicated edge pixels can read as anything.
     */
    private void readAgain(Mat bgr, TextQuad quad, PlateFormat.Missing missing, String text, boolean monochrome,
                           PlateWorkspace workspace, List<PlateRead> reads) {
        TextQuad longer = missing == PlateFormat.Missing.LAST ? quad.lengthened(0, GLYPH_WIDTH) : quad.lengthened(GLYPH_WIDTH, 0);
        Mat crop = QuadCrop.warp(bgr, longer, workspace.kit(), 0);
        PlateColor color = colour(crop, monochrome, workspace);
        for (PlateRead r : plates(bgr, List.of(longer), List.of(color), recognizer.recognize(List.of(crop), workspace),
                monochrome)) {
            if (PlateFormat.completes(text, r.text(), missing)) {
                reads.add(r);
            }
        }
    }

    /** Letters and digits in {@code text}, counted without normalising it (most texts a read sees are no plate). */
    private static int alphanumerics(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Frees the workspaces; calls still running free theirs when they end. */
    @Override
    public void close() {
        workspaces.close();
    }

    private static PlateColor color(Mat bgr, TextQuad quad, PlateWorkspace workspace) {
        Mat crop = QuadCrop.warp(bgr, quad, workspace.kit(), 0);
        return PlateColorClassifier.classify(crop, workspace.pixels());
    }

    /**
     * A crop's plate colour. In a monochrome frame white and black say nothing (the grey levels of
     * every plate colour overlap) and become unknown; a hue the crop does have is kept: a frame
     * may pass for monochrome with a few coloured things in it, a plate among them.
     */
    private static PlateColor colour(Mat crop, boolean monochrome, PlateWorkspace workspace) {
        PlateColor color = PlateColorClassifier.classify(crop, workspace.pixels());
        return monochrome && (color == PlateColor.WHITE || color == PlateColor.BLACK) ? PlateColor.UNKNOWN : color;
    }

    /** @param monochrome whether the frame is grey, where plates of unknown colour count */
    private List<PlateRead> plates(Mat bgr, List<TextQuad> quads, List<PlateColor> colors,
                                   List<Recognition> texts, boolean monochrome) {
        List<PlateRead> out = new ArrayList<>();
        boolean[] used = new boolean[quads.size()];
        for (int i = 0; i < quads.size(); i++) {
            TextQuad q = quads.get(i);
            if (q.width() >= MIN_ASPECT * q.height()) {
                accept(bgr, List.of(i), quads, colors, texts, monochrome, used, out);
            }
        }
        // a plate detected in pieces: split at the separator dot, or a two-line plate whose upper
        // line (province and letter, far apart) may itself come in two pieces
        for (int b = 0; b < quads.size(); b++) {
            List<Integer> parts = new ArrayList<>();
            for (int a = 0; a < quads.size(); a++) {
                if (a != b && !used[a] && stacked(quads.get(a), quads.get(b))) {
                    parts.add(a);
                }
            }
            if (!used[b] && !parts.isEmpty() && parts.size() <= 2) {
                parts.sort(Comparator.comparingDouble(k -> quads.get(k).centerX()));
                parts.add(b);
                accept(bgr, parts, quads, colors, texts, monochrome, used, out);
            }
        }
        for (int a = 0; a < quads.size(); a++) {
            for (int b = 0; b < quads.size(); b++) {
                if (a != b && !used[a] && !used[b] && sideBySide(quads.get(a), quads.get(b))) {
                    accept(bgr, List.of(a, b), quads, colors, texts, monochrome, used, out);
                }
            }
        }
        return out;
    }

    private void accept(Mat bgr, List<Integer> parts, List<TextQuad> quads, List<PlateColor> colors,
                        List<Recognition> texts, boolean monochrome, boolean[] used, List<PlateRead> out) {
        // only letters and digits count: the separator dot is often read as '-' or ':' with low confidence
        StringBuilder raw = new StringBuilder();
        List<Float> scores = new ArrayList<>();
        for (int k : parts) {
            Recognition r = texts.get(k);
            String text = r.text();
            for (int i = 0, c = 0; i < text.length(); i += Character.charCount(text.codePointAt(i)), c++) {
                int cp = text.codePointAt(i);
                if (Character.isLetterOrDigit(cp)) {
                    raw.appendCodePoint(cp);
                    scores.add(r.charScores().get(c));
                }
            }
        }
        Recognition joined = new Recognition(raw.toString(), scores);
        PlateFormat.Verdict verdict = PlateFormat.check(PlateText.normalise(joined.text()));
        if (!(verdict instanceof PlateFormat.Valid valid)) {
            if (log.isDebugEnabled()) { // the reason is a string built for the log only
                log.debug("not a plate text={} reason={}", joined.text(), ((PlateFormat.Invalid) verdict).reason());
            }
            return;
        }
        if (unsure(joined)) {
            log.debug("plate rejected text={} reason=low character score {}", joined.text(), joined.minScore());
            return;
        }
        // the last part carries most plate background (the serial line of a two-line plate)
        PlateColor color = colors.get(parts.get(parts.size() - 1));
        if (color == PlateColor.UNKNOWN && !monochrome) {
            return;
        }
        List<TextQuad.Corner> all = new ArrayList<>();
        parts.forEach(k -> all.addAll(quads.get(k).corners()));
        TextQuad first = quads.get(parts.get(0));
        Box box = parts.size() == 1 ? first.bounds(bgr.cols(), bgr.rows()) : union(all, bgr.cols(), bgr.rows());
        parts.forEach(k -> used[k] = true);
        out.add(new PlateRead(valid.plate(), valid.kind(), color, box, joined.score()));
    }

    /** Whether a character of the text scores under its least: a Chinese glyph's or a letter's and digit's. */
    private boolean unsure(Recognition r) {
        String text = r.text();
        for (int i = 0, c = 0; i < text.length(); i += Character.charCount(text.codePointAt(i)), c++) {
            boolean glyph = CtcDecoder.chinese(text.codePointAt(i));
            if (r.charScores().get(c) < (glyph ? settings.minGlyphScore() : settings.minCharScore())) {
                return true;
            }
        }
        return false;
    }

    private static Box union(List<TextQuad.Corner> corners, int w, int h) {
        double x0 = corners.stream().mapToDouble(TextQuad.Corner::x).min().orElseThrow();
        double y0 = corners.stream().mapToDouble(TextQuad.Corner::y).min().orElseThrow();
        double x1 = corners.stream().mapToDouble(TextQuad.Corner::x).max().orElseThrow();
        double y1 = corners.stream().mapToDouble(TextQuad.Corner::y).max().orElseThrow();
        List<TextQuad.Corner> rect = List.of(new TextQuad.Corner(x0, y0), new TextQuad.Corner(x1, y0),
                new TextQuad.Corner(x1, y1), new TextQuad.Corner(x0, y1));
        return new TextQuad(rect, 0).bounds(w, h);
    }

    /** b continues a on the same line: similar height, close gap to the right. */
    static boolean sideBySide(TextQuad a, TextQuad b) {
        double h = Math.max(a.height(), b.height());
        double gap = (b.centerX() - b.width() / 2) - (a.centerX() + a.width() / 2);
        return Math.abs(a.centerY() - b.centerY()) < 0.4 * h && Math.min(a.height(), b.height()) > 0.6 * h
                && gap > -0.5 * h && gap < 1.0 * h;
    }

    /** b is the line under a, a the shorter province line of a two-line plate. */
    static boolean stacked(TextQuad a, TextQuad b) {
        double gap = (b.centerY() - b.height() / 2) - (a.centerY() + a.height() / 2);
        return a.width() < b.width() && Math.abs(a.centerX() - b.centerX()) < b.width() / 2
                && gap > -0.5 * a.height() && gap < a.height();
    }
}
