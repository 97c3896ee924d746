package org.sharpeyes.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.sharpeyes.analytics.Detectors;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.analytics.plate.TextQuad;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.analytics.synth.GroundTruth;
import org.sharpeyes.analytics.synth.StreetScene;
import org.sharpeyes.common.Box;

/**
 * Milliseconds and heap bytes per detector call, one intra-op thread, on stills of the synthetic
 * street: the face detector and the plate reader's two stages on 300×200 motion regions (around
 * a readable plate, around a face, and on a stretch of the frame with no text), and both
 * detectors on whole 640×360 and 1280×720 frames (the periodic full pass). Runs JMH with its GC
 * profiler ({@code gc.alloc.rate.norm} is bytes per call); JMH options pass through:
 * {@code bench/run DetectorBench [-f 1 -wi 3 -i 5 ...]}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBench {
    /** Region side the motion gate hands over for a car. */
    private static final int REGION_WIDTH = 300;
    private static final int REGION_HEIGHT = 200;

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(DetectorBench.class.getName()).addProfiler(GCProfiler.class).build()).run();
    }

    /** The models with one intra-op thread, as a camera worker runs them. */
    @State(Scope.Benchmark)
    public static class Models {
        Detectors detectors;

        @Setup(Level.Trial)
        public void load() {
            detectors = Detectors.load(Detectors.Settings.defaults(Inference.cpu(1)));
        }

        @TearDown(Level.Trial)
        public void close() {
            detectors.close();
        }
    }

    /** A 1280×720 still with a readable plate and a face, and three 300×200 regions of it: around each, and one without text. */
    @State(Scope.Benchmark)
    public static class Still {
        Mat frame;
        Box plate;
        Box face;
        Box empty;
        List<TextQuad> located;

        @Setup(Level.Trial)
        public void render(Models models) {
            try (Astronaut astronaut = Astronaut.load()) {
                for (int seed = 1; frame == null; seed++) {
                    if (seed > 200) {
                        throw new IllegalStateException("no still among 200 seeds has a readable plate and a found face");
                    }
                    try (StreetScene scene = StreetScene.still(1280, 720, seed, seed, astronaut)) {
                        pick(models.detectors, scene.render(0, seed));
                    }
                }
            }
            located = models.detectors.plates().locate(frame, plate);
        }

        /** Keeps the still when a region around one of its plates reads it and it has a face. */
        private void pick(Detectors detectors, StreetScene.Frame f) {
            Mat image = f.image();
            for (GroundTruth.Plate p : f.plates()) {
                Box around = around(p.box(), image);
                if (p.partial() || !detectors.plates().read(image, detectors.plates().locate(image, around)).stream()
                        .map(PlateRead::text).toList().contains(p.text())) {
                    continue;
                }
                Box person = f.faces().stream().filter(x -> !x.partial() && x.box().width() >= 24)
                        .map(x -> around(x.box(), image)).filter(b -> !detectors.faces().detect(image, b).isEmpty())
                        .findFirst().orElse(null);
                Box quiet = person == null ? null : quiet(detectors, image, f);
                if (quiet != null) {
                    frame = image.clone();
                    plate = around;
                    face = person;
                    empty = quiet;
                    return;
                }
            }
        }

        /** A region clear of every plate in which the reader locates no text. */
        private static Box quiet(Detectors detectors, Mat image, StreetScene.Frame f) {
            for (int y = 0; y + REGION_HEIGHT <= image.rows(); y += REGION_HEIGHT / 2) {
                for (int x = 0; x + REGION_WIDTH <= image.cols(); x += REGION_WIDTH / 2) {
                    Box b = new Box(x, y, REGION_WIDTH, REGION_HEIGHT);
                    if (f.plates().stream().noneMatch(p -> p.box().iou(b) > 0)
                            && detectors.plates().locate(image, b).isEmpty()) {
                        return b;
                    }
                }
            }
            return null;
        }

        /** The 300×200 box centred on {@code inner}, moved inside the frame. */
        private static Box around(Box inner, Mat image) {
            int x = inner.x() + inner.width() / 2 - REGION_WIDTH / 2;
            int y = inner.y() + inner.height() / 2 - REGION_HEIGHT / 2;
            return new Box(Math.max(0, Math.min(image.cols() - REGION_WIDTH, x)),
                    Math.max(0, Math.min(image.rows() - REGION_HEIGHT, y)), REGION_WIDTH, REGION_HEIGHT);
        }

        @TearDown(Level.Trial)
        public void close() {
            frame.close();
        }
    }

    /** A whole still of the street at one of the two analysed resolutions. */
    @State(Scope.Benchmark)
    public static class Frames {
        @Param({"640x360", "1280x720"})
        String size;
        Mat frame;

        @Setup(Level.Trial)
        public void render() {
            int x = size.indexOf('x');
            try (Astronaut astronaut = Astronaut.load();
                 StreetScene scene = StreetScene.still(Integer.parseInt(size.substring(0, x)),
                         Integer.parseInt(size.substring(x + 1)), 7, 7, astronaut)) {
                frame = scene.render(0, 7).image().clone();
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            frame.close();
        }
    }

    @Benchmark
    public List<Face> faceRegion(Models m, Still r) {
        return m.detectors.faces().detect(r.frame, r.face);
    }

    @Benchmark
    public List<TextQuad> plateLocateRegion(Models m, Still r) {
        return m.detectors.plates().locate(r.frame, r.plate);
    }

    @Benchmark
    public List<PlateRead> plateReadRegion(Models m, Still r) {
        return m.detectors.plates().read(r.frame, r.located);
    }

    @Benchmark
    public List<PlateRead> plateLocateAndReadRegion(Models m, Still r) {
        return m.detectors.plates().read(r.frame, m.detectors.plates().locate(r.frame, r.plate));
    }

    @Benchmark
    public List<PlateRead> plateLocateAndReadRegionWithoutText(Models m, Still r) {
        return m.detectors.plates().read(r.frame, m.detectors.plates().locate(r.frame, r.empty));
    }

    @Benchmark
    public List<Face> faceFrame(Models m, Frames f) {
        return m.detectors.faces().detect(f.frame);
    }

    @Benchmark
    public List<PlateRead> plateFrame(Models m, Frames f) {
        return m.detectors.plates().read(f.frame);
    }
}
