package org.sharpeyes.analytics;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.common.Box;

/**
 * {@code analyze-image FILE|DIR [--device cpu|cuda]}: one JSON line per image (a directory is
 * walked recursively, in name order):
 * {@code {"file":"…","faces":[{"box":[x,y,w,h],"score":0.97}],"plates":[{"text":"渝B777C9","color":"blue","box":[x,y,w,h],"score":0.93}]}}.
 * An image that cannot be decoded gets a line with an {@code error} and the exit status is 1;
 * every other image is still analysed.
 */
public final class AnalyzeImageCommand {
    static final int EXIT_SOME_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String USAGE = "usage: analyze-image FILE|DIR [--device cpu|cuda]";
    private static final Set<String> IMAGE_SUFFIXES = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff");

    private AnalyzeImageCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path input = null;
        Inference.Device device = Inference.Device.CPU;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--device")) {
                String v = i + 1 < args.size() ? args.get(++i) : "";
                try {
                    device = Inference.Device.parse(v);
                } catch (IllegalArgumentException e) {
                    err.println("analyze-image: --device " + e.getMessage() + "; " + USAGE);
                    return EXIT_USAGE;
                }
            } else if (input == null && !a.startsWith("--")) {
                input = Path.of(a);
            } else {
                err.println("analyze-image: unexpected argument '" + a + "'; " + USAGE);
                return EXIT_USAGE;
            }
        }
        if (input == null || !Files.exists(input)) {
            err.println("analyze-image: " + (input == null ? "FILE|DIR missing" : "no such file or directory: " + input)
                    + "; " + USAGE);
            return EXIT_USAGE;
        }
        List<Path> images;
        try {
            images = images(input);
        } catch (UncheckedIOException e) {
            err.println("analyze-image: cannot list " + input + ": " + e.getCause().getMessage());
            return EXIT_USAGE;
        }
        try (Detectors detectors = Detectors.load(Detectors.Settings.stills(new Inference(device, 0)))) {
            int failed = 0;
            for (Path image : images) {
                JsonObject line = analyze(detectors, image);
                failed += line.containsKey("error") ? 1 : 0;
                out.println(line.encode());
            }
            return failed == 0 ? 0 : EXIT_SOME_FAILED;
        }
    }

    /** The file itself, or every image file under the directory in name order. */
    static List<Path> images(Path input) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile).filter(AnalyzeImageCommand::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static JsonObject analyze(Detectors detectors, Path image) {
        JsonObject line = new JsonObject().put("file", image.toString());
        // imread applies EXIF orientation, so boxes are in the picture's upright coordinates
        try (Mat bgr = imread(image.toString(), IMREAD_COLOR)) {
            if (bgr.empty()) {
                return line.put("error", "cannot decode image");
            }
            Still still = Still.analyse(detectors, bgr);
            JsonArray faces = new JsonArray();
            for (Face f : still.faces()) {
                faces.add(new JsonObject().put("box", box(f.box())).put("score", round(f.score())));
            }
            JsonArray plates = new JsonArray();
            for (PlateRead p : still.plates()) {
                plates.add(new JsonObject().put("text", p.text()).put("color", p.color().json())
                        .put("box", box(p.box())).put("score", round(p.score())));
            }
            return line.put("faces", faces).put("plates", plates);
        }
    }

    private static JsonArray box(Box b) {
        return new JsonArray().add(b.x()).add(b.y()).add(b.width()).add(b.height());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
