package org.sharpeyes.analytics.synth;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code generate-scenes OUT_DIR [--seconds N] [--width W --height H] [--fps F] [--seed S] [--stills N]}:
 * writes {@code street.mp4} with {@code street.truth.jsonl} and {@code street.tracks.json}, and
 * {@code stills/} and {@code stills-degraded/} with a {@code truth.jsonl} each; prints one JSON
 * line saying what it wrote. Progress goes to stderr.
 */
public final class GenerateScenesCommand {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String USAGE = "usage: generate-scenes OUT_DIR [--seconds N (60)] [--width W --height H (1280 720)]"
            + " [--fps F (25)] [--seed S (1)] [--stills N (200)]";

    private GenerateScenesCommand() {
    }

    private record Options(Path out, double seconds, int width, int height, int fps, long seed, int stills) {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("generate-scenes: " + e.getMessage() + "; " + USAGE);
            return EXIT_USAGE;
        }
        if (!CjkFont.available() || !Astronaut.available()) {
            err.println("generate-scenes: " + (!CjkFont.available() ? "font '" + CjkFont.FAMILY + "' missing: apt-get install fonts-noto-cjk"
                    : Astronaut.path() + " missing: ./sharpeyes test installs it (from Debian's python3-skimage)"));
            return EXIT_FAILED;
        }
        try (Astronaut astronaut = Astronaut.load()) {
            SceneGenerator.Progress progress = (what, done, total) -> err.printf("generate-scenes: %s %d/%d%n", what, done, total);
            SceneGenerator.VideoSummary video = SceneGenerator.video(o.out(), "street",
                    new SceneGenerator.VideoSpec(o.width(), o.height(), o.fps(), o.seconds(), o.seed()), astronaut, progress);
            SceneGenerator.stills(o.out(), o.stills(), o.seed(), astronaut, progress);
            out.println(new JsonObject().put("video", video.video().toString()).put("frames", video.frames())
                    .put("plateTracks", video.plateTracks()).put("faceTracks", video.faceTracks())
                    .put("stills", o.out().resolve("stills").toString()).put("stillsDegraded", o.out().resolve("stills-degraded").toString())
                    .put("stillCount", o.stills()).encode());
            return 0;
        } catch (IOException e) {
            err.println("generate-scenes: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static Options parse(List<String> args) {
        Path out = null;
        double seconds = 60;
        int width = 1280;
        int height = 720;
        int fps = 25;
        long seed = 1;
        int stills = 200;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--seconds" -> seconds = number(a, value(args, ++i, a), 1, 3600);
                case "--width" -> width = even(a, number(a, value(args, ++i, a), 160, 3840));
                case "--height" -> height = even(a, number(a, value(args, ++i, a), 90, 2160));
                case "--fps" -> fps = (int) number(a, value(args, ++i, a), 1, 60);
                case "--seed" -> seed = seed(value(args, ++i, a));
                case "--stills" -> stills = (int) number(a, value(args, ++i, a), 0, 100_000);
                default -> {
                    if (out != null || a.startsWith("--")) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    out = Path.of(a);
                }
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("OUT_DIR missing");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("OUT_DIR is not a directory: " + out);
        }
        if (fps * seconds < 1) {
            throw new IllegalArgumentException("--seconds " + seconds + " at --fps " + fps + " makes no frame");
        }
        return new Options(out, seconds, width, height, fps, seed, stills);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static long seed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, got '" + text + "'");
        }
    }

    /** A number in [min, max]; whole unless the option is --seconds. */
    private static double number(String option, String text, double min, double max) {
        double v;
        try {
            v = option.equals("--seconds") ? Double.parseDouble(text) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got '" + text + "'");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(option + " must be in [" + (long) min + ", " + (long) max + "], got " + text);
        }
        return v;
    }

    private static int even(String option, double v) {
        if ((long) v % 2 != 0) {
            throw new IllegalArgumentException(option + " must be even (H.264 in 4:2:0), got " + (long) v);
        }
        return (int) v;
    }
}
