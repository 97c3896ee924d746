package org.sharpeyes.analytics.synth;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.common.Threads;

/**
 * Writes development data: a street video with per-frame ground truth and a track summary, and
 * sets of stills (clean and degraded) with theirs. Everything follows from the seed.
 */
public final class SceneGenerator {
    /** Stills are 1080p: their face sizes (34–100 px) are in 1080p terms. */
    public static final int STILL_WIDTH = 1920;
    public static final int STILL_HEIGHT = 1080;
    private static final int STILL_JPEG_QUALITY = 95;

    /** What a video is made of. */
    public record VideoSpec(int width, int height, int fps, double seconds, long seed) {
        public int frames() {
            return (int) Math.round(seconds * fps);
        }
    }

    /** Told how far a long job has got. */
    public interface Progress {
        Progress NONE = (what, done, total) -> { };

        void update(String what, int done, int total);
    }

    /** What a video holds: plate and face tracks seen (in the truth at least once). */
    public record VideoSummary(Path video, int frames, int plateTracks, int faceTracks) {
    }

    private record Rendered(int frame, Mat image, List<GroundTruth.Plate> plates, List<GroundTruth.Face> faces) {
    }

    private static final class Track {
        final String kind;
        final GroundTruth.Plate plate;
        final int first;
        int last;
        int widest;

        Track(String kind, GroundTruth.Plate plate, int first) {
            this.kind = kind;
            this.plate = plate;
            this.first = first;
        }
    }

    private SceneGenerator() {
    }

    /**
     * {@code dir/name.mp4}, {@code dir/name.truth.jsonl} (one line per frame with objects) and
     * {@code dir/name.tracks.json}, written last. Frames are drawn on one thread while this one encodes.
     */
    public static VideoSummary video(Path dir, String name, VideoSpec spec, Astronaut astronaut, Progress progress)
            throws IOException {
        Files.createDirectories(dir);
        Path video = dir.resolve(name + ".mp4");
        int frames = spec.frames();
        BlockingQueue<Rendered> queue = new ArrayBlockingQueue<>(8);
        Map<Integer, Track> tracks = new TreeMap<>();
        ExecutorService drawer = Executors.newSingleThreadExecutor(r -> new Thread(r, "scene-draw"));
        List<double[]> quiet;
        try (StreetScene scene = StreetScene.video(spec.width(), spec.height(), spec.seconds(), spec.seed(), astronaut);
             H264Writer writer = new H264Writer(video, spec.width(), spec.height(), spec.fps());
             BufferedWriter truth = Files.newBufferedWriter(dir.resolve(name + ".truth.jsonl"), StandardCharsets.UTF_8)) {
            CompletableFuture<Void> drawing = CompletableFuture.runAsync(() -> draw(scene, spec, queue), drawer);
            try {
                for (int i = 0; i < frames; i++) {
                    Rendered r = next(queue, drawing);
                    try (Mat image = r.image()) {
                        writer.write(image);
                    }
                    record(r, tracks);
                    if (!r.plates().isEmpty() || !r.faces().isEmpty()) {
                        truth.write(new JsonObject().put("frame", r.frame()).put("ptsMs", ptsMs(r.frame(), spec.fps()))
                                .put("plates", GroundTruth.plates(r.plates())).put("faces", GroundTruth.faces(r.faces())).encode());
                        truth.newLine();
                    }
                    if ((i + 1) % Math.max(1, frames / 20) == 0 || i + 1 == frames) {
                        progress.update(video.getFileName().toString(), i + 1, frames);
                    }
                }
            } finally {
                // on a failed write the drawer may be mid-frame: the scene (native canvas) closes next
                Threads.stop(drawer, Duration.ofSeconds(30));
            }
            quiet = scene.quiet();
        } finally {
            drawer.shutdownNow();
            queue.forEach(r -> r.image().close());
        }
        // last, once the video is complete: its presence says the set is whole
        writeTracks(dir.resolve(name + ".tracks.json"), video, spec, quiet, tracks);
        int plates = (int) tracks.values().stream().filter(t -> t.plate != null).count();
        return new VideoSummary(video, frames, plates, tracks.size() - plates);
    }

    static long ptsMs(int frame, int fps) {
        return Math.round(frame * 1000.0 / fps);
    }

    /** The noise of frame i of a video made from this seed. */
    static long noiseSeed(long seed, int frame) {
        return seed * 1_000_003L + frame;
    }

    private static void draw(StreetScene scene, VideoSpec spec, BlockingQueue<Rendered> queue) {
        try {
            for (int i = 0; i < spec.frames(); i++) {
                StreetScene.Frame f = scene.render((double) i / spec.fps(), noiseSeed(spec.seed(), i));
                queue.put(new Rendered(i, f.image().clone(), f.plates(), f.faces()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Rendered next(BlockingQueue<Rendered> queue, CompletableFuture<Void> drawing) throws IOException {
        try {
            while (true) {
                Rendered r = queue.poll(200, TimeUnit.MILLISECONDS);
                if (r != null) {
                    return r;
                }
                if (drawing.isDone()) {
                    drawing.get();
                    throw new IllegalStateException("drawing stopped early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while encoding");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private static void record(Rendered r, Map<Integer, Track> tracks) {
        for (GroundTruth.Plate p : r.plates()) {
            Track t = tracks.computeIfAbsent(p.trackId(), id -> new Track("plate", p, r.frame()));
            t.last = r.frame();
            t.widest = Math.max(t.widest, p.box().width());
        }
        for (GroundTruth.Face f : r.faces()) {
            Track t = tracks.computeIfAbsent(f.trackId(), id -> new Track("face", null, r.frame()));
            t.last = r.frame();
            t.widest = Math.max(t.widest, f.box().width());
        }
    }

    private static void writeTracks(Path file, Path video, VideoSpec spec, List<double[]> quiet, Map<Integer, Track> tracks)
            throws IOException {
        JsonArray list = new JsonArray();
        tracks.forEach((id, t) -> {
            JsonObject o = new JsonObject().put("trackId", id).put("kind", t.kind);
            if (t.plate != null) {
                o.put("text", t.plate.text()).put("format", t.plate.style().json()).put("color", t.plate.color().json());
            }
            list.add(o.put("firstFrame", t.first).put("lastFrame", t.last).put("widestPx", t.widest));
        });
        JsonArray still = new JsonArray();
        quiet.forEach(q -> still.add(new JsonArray().add(Math.round(q[0] * spec.fps())).add(Math.round(q[1] * spec.fps()))));
        JsonObject summary = new JsonObject().put("video", video.getFileName().toString()).put("width", spec.width())
                .put("height", spec.height()).put("fps", spec.fps()).put("frames", spec.frames()).put("seed", spec.seed())
                .put("quietFrames", still).put("tracks", list);
        Files.writeString(file, summary.encodePrettily() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * {@code count} 1080p stills in {@code dir/stills/} and their degraded copies in
     * {@code dir/stills-degraded/}, each folder with a {@code truth.jsonl} line per image.
     */
    public static void stills(Path dir, int count, long seed, Astronaut astronaut, Progress progress) throws IOException {
        Path clean = Files.createDirectories(dir.resolve("stills"));
        Path degraded = Files.createDirectories(dir.resolve("stills-degraded"));
        try (BufferedWriter cleanTruth = Files.newBufferedWriter(clean.resolve("truth.jsonl"), StandardCharsets.UTF_8);
             BufferedWriter degradedTruth = Files.newBufferedWriter(degraded.resolve("truth.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String file = String.format("still-%04d.jpg", i + 1);
                long stillSeed = seed * 1_000_003L + 500_000 + i;
                try (StreetScene scene = StreetScene.still(STILL_WIDTH, STILL_HEIGHT, stillSeed, i, astronaut)) {
                    StreetScene.Frame f = scene.render(0, stillSeed);
                    jpeg(clean.resolve(file), f.image(), STILL_JPEG_QUALITY);
                    cleanTruth.write(stillLine(file, f.plates(), f.faces(), f.look()).encode());
                    cleanTruth.newLine();
                    try (Mat worse = Degradation.apply(f.image(), new Random(stillSeed))) {
                        jpeg(degraded.resolve(file), worse, Degradation.JPEG_QUALITY);
                    }
                    List<GroundTruth.Plate> plates = f.plates().stream().map(p -> new GroundTruth.Plate(p.text(), p.style(),
                            Degradation.scale(p.box()), p.trackId(), p.partial())).toList();
                    List<GroundTruth.Face> faces = f.faces().stream()
                            .map(x -> new GroundTruth.Face(Degradation.scale(x.box()), x.trackId(), x.partial())).toList();
                    degradedTruth.write(stillLine(file, plates, faces, f.look()).encode());
                    degradedTruth.newLine();
                }
                progress.update("stills", i + 1, count);
            }
        }
    }

    private static JsonObject stillLine(String file, List<GroundTruth.Plate> plates, List<GroundTruth.Face> faces, Look look) {
        return new JsonObject().put("file", file).put("plates", GroundTruth.plates(plates)).put("faces", GroundTruth.faces(faces))
                .put("light", Math.round(look.gain() * 100) / 100.0).put("blur", look.blur().json());
    }

    private static void jpeg(Path file, Mat image, int quality) throws IOException {
        if (!imwrite(file.toString(), image, new IntPointer(IMWRITE_JPEG_QUALITY, quality))) {
            throw new IOException("cannot write " + file);
        }
    }
}
