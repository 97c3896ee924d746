package org.sharpeyes.bench;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sharpeyes.analytics.AnalyzeVideoCommand;
import org.sharpeyes.analytics.synth.GroundTruth;
import org.sharpeyes.common.Box;

/**
 * What {@code analyze-video} reports on a generated street video ({@code generate-scenes}),
 * against its truth: per plate and face track of the scene, the events that are of it, and the
 * events that are of nothing. An event is of the track whose object in the event's best frame
 * overlaps the event's box most, at IoU ≥ {@link #IOU}. A track is found when it has an event (a
 * plate track: one with its exact text), and whole when it has exactly one. Prints Markdown.
 *
 * <p>Usage: {@code VideoAccuracyBench VIDEO [TRUTH]}: TRUTH is the path of the truth files less
 * their {@code .truth.jsonl} and {@code .tracks.json} (default: VIDEO less {@code .mp4}; a copy of
 * the video made grey can point at the colour one's).
 */
public final class VideoAccuracyBench {
    static final double IOU = 0.3;
    private static final String[] KINDS = {"plate", "face"};

    private record Track(int id, String kind, String text, double start, double end, int widest) {
    }

    /** An object of a truth frame. */
    private record Seen(Box box, int trackId) {
    }

    private VideoAccuracyBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: VideoAccuracyBench VIDEO [TRUTH]");
        }
        String video = args[0];
        String truth = args.length > 1 ? args[1] : video.replaceFirst("\\.mp4$", "");
        Map<Long, JsonObject> frames = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(truth + ".truth.jsonl"), StandardCharsets.UTF_8)) {
            JsonObject frame = new JsonObject(line);
            frames.put(frame.getLong("ptsMs"), frame);
        }
        JsonObject scene = new JsonObject(Files.readString(Path.of(truth + ".tracks.json")));
        double fps = scene.getDouble("fps");
        List<Track> tracks = new ArrayList<>();
        for (Object o : scene.getJsonArray("tracks")) {
            JsonObject t = (JsonObject) o;
            tracks.add(new Track(t.getInteger("trackId"), t.getString("kind"), t.getString("text"),
                    t.getInteger("firstFrame") / fps, t.getInteger("lastFrame") / fps, t.getInteger("widestPx")));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int rc = AnalyzeVideoCommand.run(List.of(video), new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                dir -> {
                    throw new IOException("no snapshots here");
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("analyze-video exited " + rc);
        }
        List<JsonObject> events = out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();

        System.out.printf("## %s (truth %s): %d events in %.1f s%n%n", video, truth, events.size(), seconds);
        System.out.println("| kind | tracks found | found whole (one event) | events | events of no track |");
        System.out.println("|---|---:|---:|---:|---:|");
        StringBuilder detail = new StringBuilder();
        for (String kind : KINDS) {
            Map<Integer, List<JsonObject>> byTrack = new TreeMap<>();
            int stray = 0;
            int count = 0;
            for (JsonObject e : events) {
                if (!e.getString("kind").equals(kind)) {
                    continue;
                }
                count++;
                int track = trackOf(e, kind, frames.get(Math.round(e.getDouble("best") * 1000)));
                if (track == 0) {
                    stray++;
                    detail.append(String.format("* %s event of no track: best %.1f s, box %s, %d frames%n", kind,
                            e.getDouble("best"), e.getJsonArray("box").encode(), e.getInteger("frames")));
                } else {
                    byTrack.computeIfAbsent(track, k -> new ArrayList<>()).add(e);
                }
            }
            int found = 0;
            int whole = 0;
            int of = 0;
            for (Track t : tracks) {
                if (!t.kind().equals(kind)) {
                    continue;
                }
                of++;
                List<JsonObject> mine = byTrack.getOrDefault(t.id(), List.of());
                boolean hit = mine.stream().anyMatch(e -> t.text() == null || t.text().equals(e.getString("text")));
                found += hit ? 1 : 0;
                whole += hit && mine.size() == 1 ? 1 : 0;
                detail.append(String.format("* %s track %d (%.1f-%.1f s, up to %d px%s): %s%n", kind, t.id(), t.start(),
                        t.end(), t.widest(), t.text() == null ? "" : ", " + t.text(), mine.isEmpty() ? "no event"
                                : mine.stream().map(VideoAccuracyBench::brief).toList()));
            }
            System.out.printf("| %s | %d of %d | %d | %d | %d |%n", kind, found, of, whole, count, stray);
        }
        System.out.println();
        System.out.print(detail);
    }

    /** The track whose object of this kind in the event's best frame overlaps the event's box most, at IoU ≥ IOU; 0 for none. */
    private static int trackOf(JsonObject event, String kind, JsonObject frame) {
        if (frame == null) {
            return 0;
        }
        Box box = new Box(event.getJsonArray("box").getInteger(0), event.getJsonArray("box").getInteger(1),
                event.getJsonArray("box").getInteger(2), event.getJsonArray("box").getInteger(3));
        List<Seen> seen = kind.equals("plate")
                ? GroundTruth.plates(frame).stream().map(p -> new Seen(p.box(), p.trackId())).toList()
                : GroundTruth.faces(frame).stream().map(f -> new Seen(f.box(), f.trackId())).toList();
        int best = 0;
        double bestIou = IOU;
        for (Seen s : seen) {
            if (s.box().iou(box) >= bestIou) {
                bestIou = s.box().iou(box);
                best = s.trackId();
            }
        }
        return best;
    }

    private static String brief(JsonObject e) {
        return String.format("%.1f-%.1f s, %d frames, %d px%s", e.getDouble("start"), e.getDouble("end"),
                e.getInteger("frames"), e.getJsonArray("box").getInteger(2),
                e.containsKey("text") ? " " + e.getString("text") : "");
    }
}
