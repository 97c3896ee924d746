package org.sharpeyes.bench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.Detectors;
import org.sharpeyes.analytics.Still;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.face.FaceDetector;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.analytics.synth.GroundTruth;

/**
 * Plate and face accuracy of {@link Still#analyse} (what {@code analyze-image} reports) on generated stills ({@code generate-scenes}),
 * clean and degraded: exact-plate-match rate (the read text equals the truth, over every plate
 * at least half visible), plate detection recall (some read's box overlaps the plate at IoU ≥
 * 0.4, whatever its text), face recall at IoU ≥ 0.4 and false positives per image; then the same
 * by plate format, plate and face size, blur and light. Prints Markdown.
 *
 * <p>Usage: {@code AccuracyBench DATA_DIR [cpu|cuda] [MIN_FACE MIN_SCORE]} (the face detector's
 * settings, MIN_FACE for a 1080p picture; left out, {@code FaceDetector.Settings.STILLS})
 */
public final class AccuracyBench {
    static final double IOU = 0.4;
    private static final String[] SETS = {"stills", "stills-degraded"};

    /** Hits out of a count. */
    static final class Rate {
        int hits;
        int of;

        void add(boolean hit) {
            of++;
            hits += hit ? 1 : 0;
        }

        @Override
        public String toString() {
            return of == 0 ? "–" : String.format("%.1f%% (%d/%d)", 100.0 * hits / of, hits, of);
        }
    }

    /** Everything measured on one set of stills. */
    static final class Tallies {
        int images;
        final Rate exact = new Rate();
        final Rate plateRecall = new Rate();
        final Rate colour = new Rate();
        int plateFalse;
        /** Of reads over a plate, those whose text is no plate's under them. */
        final Rate plateWrong = new Rate();
        final Rate faceRecall = new Rate();
        int faceFalse;
        long nanos;
        final Map<String, Rate[]> byFormat = new TreeMap<>();
        final Map<String, Rate[]> byPlateWidth = new TreeMap<>();
        final Map<String, Rate[]> byPlateBlur = new TreeMap<>();
        final Map<String, Rate[]> byPlateLight = new TreeMap<>();
        final Map<String, Rate> byFaceWidth = new TreeMap<>();
        final Map<String, Rate> byFaceBlur = new TreeMap<>();
        final List<String> misreads = new ArrayList<>();
    }

    private AccuracyBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length == 3 || args.length > 4) {
            System.err.println("usage: AccuracyBench DATA_DIR [cpu|cuda] [MIN_FACE MIN_SCORE]   (DATA_DIR from ./sharpeyes generate-scenes)");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Inference.Device device = Inference.Device.parse(args.length > 1 ? args[1] : "cpu");
        Detectors.Settings settings = Detectors.Settings.stills(new Inference(device, 0));
        if (args.length > 3) { // another face operating point (what ACCURACY.md's threshold table runs)
            settings = settings.withFace(new FaceDetector.Settings(Integer.parseInt(args[2]), Float.parseFloat(args[3])));
        }
        try (Detectors detectors = Detectors.load(settings)) {
            for (String set : SETS) {
                Path dir = data.resolve(set);
                if (Files.isRegularFile(dir.resolve("truth.jsonl"))) {
                    print(set, evaluate(detectors, dir));
                }
            }
        }
    }

    static Tallies evaluate(Detectors detectors, Path dir) throws IOException {
        Tallies t = new Tallies();
        for (String text : Files.readAllLines(dir.resolve("truth.jsonl"), StandardCharsets.UTF_8)) {
            JsonObject line = new JsonObject(text);
            try (Mat image = imread(dir.resolve(line.getString("file")).toString(), IMREAD_COLOR)) {
                if (image.empty()) {
                    throw new IOException("cannot decode " + dir.resolve(line.getString("file")));
                }
                long start = System.nanoTime();
                Still still = Still.analyse(detectors, image);
                t.nanos += System.nanoTime() - start;
                t.images++;
                plates(t, line, GroundTruth.plates(line), still.plates());
                faces(t, line, GroundTruth.faces(line), still.faces());
            }
        }
        return t;
    }

    private static void plates(Tallies t, JsonObject line, List<GroundTruth.Plate> truth, List<PlateRead> reads) {
        String blur = line.getString("blur", "none");
        String light = line.getDouble("light", 1.0) < 0.7 ? "dim (<0.7)" : "day (≥0.7)";
        for (GroundTruth.Plate p : truth) {
            if (p.partial()) {
                continue;
            }
            boolean found = reads.stream().anyMatch(r -> r.box().iou(p.box()) >= IOU);
            PlateRead same = reads.stream().filter(r -> r.text().equals(p.text()) && r.box().iou(p.box()) > 0).findFirst()
                    .orElse(null);
            t.plateRecall.add(found);
            t.exact.add(same != null);
            if (same != null) {
                t.colour.add(same.color() == p.color());
            } else if (t.misreads.size() < 40) {
                t.misreads.add(String.format("%s %s %dpx %s: read %s", line.getString("file"), p.text(), p.box().width(),
                        p.style().json(), reads.stream().filter(r -> r.box().iou(p.box()) > 0).map(PlateRead::text).toList()));
            }
            tally(t.byFormat, p.style().json(), found, same != null);
            tally(t.byPlateWidth, plateBin(p.box().width()), found, same != null);
            tally(t.byPlateBlur, blur, found, same != null);
            tally(t.byPlateLight, light, found, same != null);
        }
        t.plateFalse += (int) reads.stream().filter(r -> truth.stream().noneMatch(p -> r.box().iou(p.box()) > 0)).count();
        for (PlateRead r : reads) {
            List<GroundTruth.Plate> under = truth.stream().filter(p -> r.box().iou(p.box()) > 0).toList();
            if (!under.isEmpty()) {
                t.plateWrong.add(under.stream().noneMatch(p -> p.text().equals(r.text())));
            }
        }
    }

    private static void faces(Tallies t, JsonObject line, List<GroundTruth.Face> truth, List<Face> found) {
        // greedy one-to-one on IoU, best first
        List<Face> left = new ArrayList<>(found);
        List<GroundTruth.Face> sorted = new ArrayList<>(truth);
        sorted.sort(Comparator.comparingInt((GroundTruth.Face f) -> f.box().width()).reversed());
        for (GroundTruth.Face f : sorted) {
            Face best = left.stream().filter(d -> d.box().iou(f.box()) >= IOU)
                    .max(Comparator.comparingDouble(d -> d.box().iou(f.box()))).orElse(null);
            if (best != null) {
                left.remove(best);
            }
            if (!f.partial()) {
                t.faceRecall.add(best != null);
                t.byFaceWidth.computeIfAbsent(faceBin(f.box().width()), k -> new Rate()).add(best != null);
                t.byFaceBlur.computeIfAbsent(line.getString("blur", "none"), k -> new Rate()).add(best != null);
            }
        }
        t.faceFalse += left.size();
    }

    private static void tally(Map<String, Rate[]> map, String key, boolean found, boolean exact) {
        Rate[] r = map.computeIfAbsent(key, k -> new Rate[] {new Rate(), new Rate()});
        r[0].add(found);
        r[1].add(exact);
    }

    static String plateBin(int width) {
        return width < 80 ? "a. <80 px" : width < 120 ? "b. 80–119 px" : width < 200 ? "c. 120–199 px" : "d. ≥200 px";
    }

    static String faceBin(int width) {
        return width < 24 ? "a. <24 px" : width < 40 ? "b. 24–39 px" : width < 64 ? "c. 40–63 px" : "d. ≥64 px";
    }

    private static void print(String set, Tallies t) {
        System.out.printf("%n## %s (%d images)%n%n", set, t.images);
        System.out.println("| metric | value |");
        System.out.println("|---|---|");
        System.out.println("| exact plate match | " + t.exact + " |");
        System.out.println("| plate detection recall (IoU ≥ 0.4) | " + t.plateRecall + " |");
        System.out.println("| plate colour right, of exact reads | " + t.colour + " |");
        System.out.printf("| plate reads on no plate, per image | %.2f |%n", (double) t.plateFalse / Math.max(1, t.images));
        System.out.println("| plate reads with a wrong text, of reads over a plate | " + t.plateWrong + " |");
        System.out.println("| face recall (IoU ≥ 0.4) | " + t.faceRecall + " |");
        System.out.printf("| face false positives per image | %.2f |%n", (double) t.faceFalse / Math.max(1, t.images));
        System.out.printf("| ms per image, plates and faces (CPU) | %.0f |%n", t.nanos / 1e6 / Math.max(1, t.images));
        table("plate format", t.byFormat);
        table("plate width", t.byPlateWidth);
        table("blur", t.byPlateBlur);
        table("light", t.byPlateLight);
        System.out.printf("%n| face width | recall |%n|---|---|%n");
        t.byFaceWidth.forEach((k, v) -> System.out.println("| " + strip(k) + " | " + v + " |"));
        System.out.printf("%n| blur | face recall |%n|---|---|%n");
        t.byFaceBlur.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
        System.out.printf("%nFirst plate misses (file, truth, width, format: texts read over it):%n");
        t.misreads.forEach(m -> System.out.println("    " + m));
    }

    private static void table(String by, Map<String, Rate[]> map) {
        System.out.printf("%n| %s | detection recall | exact match |%n|---|---|---|%n", by);
        map.forEach((k, v) -> System.out.println("| " + strip(k) + " | " + v[0] + " | " + v[1] + " |"));
    }

    /** Drops the sort prefix of a bin name. */
    private static String strip(String key) {
        return key.matches("[a-z]\\. .*") ? key.substring(3) : key;
    }
}
