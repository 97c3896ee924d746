package org.sharpeyes.analytics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.pipeline.CameraPipeline;
import org.sharpeyes.analytics.pipeline.PipelineSettings;
import org.sharpeyes.analytics.pipeline.StageTimes;
import org.sharpeyes.analytics.pipeline.Timeline;
import org.sharpeyes.analytics.pipeline.VideoFile;
import org.sharpeyes.analytics.tracker.Tracker;
import org.sharpeyes.analytics.tracker.TrackerSettings;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.EventSink;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SiteType;
import org.sharpeyes.common.SnapshotStore;
import org.sharpeyes.common.Threads;
import org.sharpeyes.common.Urls;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamHub;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.hub.Subscription;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;

/**
 * {@code analyze-video FILE|RTSP_URL [--fps F] [--seconds N] [--snapshots DIR] [--device cpu|cuda]}:
 * runs a camera's analysis (motion gate, detectors, tracker) over a recording or a live stream
 * and prints one JSON line per event as its track ends:
 * {@code {"kind":"plate","text":"渝B777C9","color":"blue","score":0.93,"box":[x,y,w,h],"frames":12,"best":4.2,"start":3.6,"end":5.8,"snapshot":null,"crop":null}}.
 * For a file, {@code best/start/end} are seconds from its start and every frame is analysed (no
 * drops); for a stream they are ISO-8601 instants and analysis keeps to real time, for N seconds
 * (default: until interrupted). With {@code --snapshots DIR}, snapshots and crops are stored
 * there and their keys printed. Exit 0, 1 when the input cannot be read, 2 for bad arguments.
 */
public final class AnalyzeVideoCommand {
    static final int EXIT_INPUT = 1;
    static final int EXIT_USAGE = 2;
    private static final String USAGE = "usage: analyze-video FILE|RTSP_URL [--fps F (0.1..25, default 5)] "
            + "[--seconds N (1..86400)] [--snapshots DIR] [--device cpu|cuda]";
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);
    private static final UUID CAMERA = new UUID(0, 1);

    /** Opens the snapshot store of a directory (the server module provides the file store). */
    @FunctionalInterface
    public interface Stores {
        SnapshotStore open(Path dir) throws IOException;
    }

    private record Options(String input, float fps, int seconds, Path snapshots, Inference.Device device) {
        boolean live() {
            return input.regionMatches(true, 0, "rtsp://", 0, 7) || input.regionMatches(true, 0, "rtsps://", 0, 8);
        }
    }

    private AnalyzeVideoCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err, Stores stores) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("analyze-video: " + e.getMessage() + "; " + USAGE);
            return EXIT_USAGE;
        }
        SnapshotStore store = null;
        if (o.snapshots() != null) {
            try {
                store = stores.open(o.snapshots());
            } catch (IOException e) {
                err.println("analyze-video: cannot use " + o.snapshots() + " for snapshots: " + e.getMessage());
                return EXIT_USAGE;
            }
        }
        Instant start = Instant.now();
        EventPrinter printer = new EventPrinter(out, o.live() ? null : Instant.EPOCH);
        try (Detectors detectors = Detectors.load(Detectors.Settings.defaults(new Inference(o.device(), 0)))) {
            Tracker tracker = new Tracker(CAMERA, new Placement(null, null, null, null, null, SiteType.OTHER), printer, store,
                    new Watchlist(), List.of(), TrackerSettings.DEFAULTS);
            AnalyticsSettings analytics = new AnalyticsSettings(true, true, o.fps(), List.of());
            PipelineSettings pipeline = PipelineSettings.DEFAULTS.withDecoder(
                    o.device() == Inference.Device.CUDA ? PipelineSettings.Decoder.CUVID : PipelineSettings.Decoder.SOFTWARE);
            ExecutorService detect = Executors.newSingleThreadExecutor(r -> daemon(r, "analyze-detect"));
            try {
                CameraPipeline camera = new CameraPipeline(CAMERA, analytics, pipeline, detectors, tracker, detect,
                        o.live() ? Timeline.live(Clock.systemUTC()) : Timeline.media(Instant.EPOCH),
                        o.live() ? CameraPipeline.Backlog.DROP_OLDEST : CameraPipeline.Backlog.WAIT, new StageTimes());
                return o.live() ? stream(o, camera, err) : file(o, camera, err);
            } finally {
                Threads.stop(detect, Duration.ofMinutes(1)); // the models close next: not under a detection
                err.println("analyze-video: " + printer.count() + " events in "
                        + Duration.between(start, Instant.now()).toMillis() / 1000.0 + " s");
            }
        }
    }

    private static int file(Options o, CameraPipeline camera, PrintStream err) {
        Path path = Path.of(o.input());
        try (VideoFile video = VideoFile.open(path)) {
            camera.onStream(video.info());
            long end = o.seconds() == 0 ? Long.MAX_VALUE : (long) o.seconds() * Packet.TIME_BASE;
            for (Packet p = video.read(); p != null && p.pts() < end; p = video.read()) {
                camera.onPacket(p);
            }
            return 0;
        } catch (IOException e) {
            err.println("analyze-video: " + e.getMessage());
            return EXIT_INPUT;
        } finally {
            camera.close(Duration.ofMinutes(5));
        }
    }

    private static int stream(Options o, CameraPipeline camera, PrintStream err) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "analyze-timer"));
        ExecutorService decode = Executors.newSingleThreadExecutor(r -> daemon(r, "analyze-decode"));
        String url = o.input();
        StreamHub hub = new StreamHub(Urls.mask(url), sink -> RtspPuller.start("analyze", () -> url, RtspSettings.defaults(), sink),
                HubSettings.defaults(), timer);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "analyze-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Subscription ignored = hub.subscribe(camera, decode)) {
            timer.scheduleWithFixedDelay(() -> camera.tick(Instant.now(), Duration.ofSeconds(1)), 1, 1, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + CONNECT_WAIT.toNanos();
            while (camera.stats().packets() == 0) {
                if (System.nanoTime() > deadline) {
                    String why = hub.stats().map(StreamStats::lastError).orElse(null);
                    err.println("analyze-video: no video from " + Urls.mask(url) + " within " + CONNECT_WAIT.toSeconds() + " s"
                            + (why == null ? "" : ": " + why));
                    return EXIT_INPUT;
                }
                if (stop.await(100, TimeUnit.MILLISECONDS)) {
                    return 0;
                }
            }
            if (o.seconds() > 0) {
                stop.await(o.seconds(), TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            hub.close();
            camera.close(Duration.ofSeconds(30));
            decode.shutdownNow();
            timer.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is what stopped us
            }
        }
    }

    private static Options parse(List<String> args) {
        String input = null;
        float fps = 5;
        int seconds = 0;
        Path snapshots = null;
        Inference.Device device = Inference.Device.CPU;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--fps" -> {
                    String v = value(args, ++i, a);
                    fps = number(v, a);
                    if (!(fps >= 0.1f && fps <= 25f)) {
                        throw new IllegalArgumentException("--fps must be from 0.1 to 25, got '" + v + "'");
                    }
                }
                case "--seconds" -> {
                    String v = value(args, ++i, a);
                    seconds = (int) number(v, a);
                    if (seconds < 1 || seconds > 86_400 || seconds != number(v, a)) {
                        throw new IllegalArgumentException("--seconds must be a whole number from 1 to 86400, got '" + v + "'");
                    }
                }
                case "--snapshots" -> snapshots = Path.of(value(args, ++i, a));
                case "--device" -> device = Inference.Device.parse(value(args, ++i, a));
                default -> {
                    if (input != null || a.startsWith("--")) {
                        throw new IllegalArgumentException("unexpected argument '" + (a.startsWith("--") ? a : Urls.mask(a)) + "'");
                    }
                    input = a;
                }
            }
        }
        if (input == null) {
            throw new IllegalArgumentException("FILE|RTSP_URL missing");
        }
        Options o = new Options(input, fps, seconds, snapshots, device);
        if (!o.live() && !Files.isRegularFile(Path.of(input))) {
            throw new IllegalArgumentException(input.contains("://") ? "only files and rtsp:// URLs are read, got "
                    + Urls.mask(input) : "no such file: " + input);
        }
        return o;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static float number(String v, String option) {
        try {
            return Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, got '" + v + "'");
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Prints each event as a JSON line; times relative to {@code base} (a file) or absolute (a stream: base null). */
    private static final class EventPrinter implements EventSink {
        private final PrintStream out;
        private final Instant base;
        private int count;

        EventPrinter(PrintStream out, Instant base) {
            this.out = out;
            this.base = base;
        }

        synchronized int count() {
            return count;
        }

        @Override
        public synchronized void accept(Detection d) {
            JsonObject line = new JsonObject().put("kind", d.kind().name().toLowerCase(Locale.ROOT));
            if (d.kind() == DetectionKind.PLATE) {
                line.put("text", d.plateText()).put("color", d.plateColor() == null ? null : d.plateColor().json());
            }
            Box b = d.box();
            line.put("score", Math.round(d.confidence() * 1000) / 1000.0)
                    .put("box", new JsonArray().add(b.x()).add(b.y()).add(b.width()).add(b.height()))
                    .put("frames", Integer.parseInt(d.attributes().getOrDefault("frames", "0")))
                    .put("best", time(d.time()))
                    .put("start", time(Instant.parse(d.attributes().get("firstSeen"))))
                    .put("end", time(Instant.parse(d.attributes().get("lastSeen"))))
                    .put("snapshot", d.snapshotKey()).put("crop", d.cropKey());
            out.println(line.encode());
            out.flush();
            count++;
        }

        private Object time(Instant t) {
            return base == null ? t.toString() : Duration.between(base, t).toMillis() / 1000.0;
        }
    }
}
