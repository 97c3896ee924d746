package org.sharpeyes.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sharpeyes.analytics.Detectors;
import org.sharpeyes.analytics.onnx.Batcher;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.pipeline.CameraPipeline;
import org.sharpeyes.analytics.pipeline.PipelineSettings;
import org.sharpeyes.analytics.pipeline.Stage;
import org.sharpeyes.analytics.pipeline.StageTimes;
import org.sharpeyes.analytics.pipeline.Timeline;
import org.sharpeyes.analytics.pipeline.VideoFile;
import org.sharpeyes.analytics.tracker.Tracker;
import org.sharpeyes.analytics.tracker.TrackerSettings;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SiteType;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.rtsp.FrameDecoder;

/**
 * The camera analysis pipeline on recorded street video, two ways.
 *
 * <p><b>stages VIDEO...</b>: per video, FFmpeg's own decode-only CPU time ({@code ffmpeg -threads
 * 1 -benchmark -i VIDEO -f null -}), our decoder alone, and the whole pipeline (decode, motion
 * gate, detectors on motion regions, tracker; 5 analysed fps; one detect thread, one intra-op
 * thread) as fast as it goes: milliseconds per sampled frame per stage, source frames per
 * CPU-second for each, and heap bytes allocated per sampled frame (all threads, measured run
 * only, after a warm-up run, packets read into memory beforehand).
 *
 * <p><b>live VIDEO N [seconds [detectThreads [batch]]]</b>: N streams of the video fed at real
 * time (25 fps, looping), as cameras would, into N pipelines sharing one decode thread and one
 * detect thread (or more), for the given seconds after a 20 s warm-up; reports CPU used, frames
 * dropped because detection fell behind, the streams per core that CPU use implies, and each
 * model's runs against the inputs they held (with {@code batch} above 1, how often cameras'
 * inputs of one shape meet: the cross-camera batches a GPU node would run). Run it under
 * {@code taskset -c 1} to give it one core.
 */
public final class PipelineBench {
    private static final Pattern FFMPEG_BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");

    private PipelineBench() {
    }

    /**
     * Ends the detect pool before main's try-with-resources frees the models, which must not happen
     * under a detection; a pool that does not end exits the bench without freeing them.
     */
    private static void stop(ExecutorService detect) throws InterruptedException {
        detect.shutdown();
        if (!detect.awaitTermination(5, TimeUnit.MINUTES)) {
            System.err.println("detect threads still running after 5 minutes; exiting");
            System.exit(1);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("stages")) {
            try (Detectors detectors = detectors()) {
                for (String v : Arrays.copyOfRange(args, 1, args.length)) {
                    stages(Path.of(v), detectors);
                }
            }
        } else if (args.length >= 3 && args[0].equals("live")) {
            int batch = args.length > 5 ? Integer.parseInt(args[5]) : 1;
            try (Detectors detectors = Detectors.load(Detectors.Settings.defaults(new Inference(Inference.Device.CPU, 1, batch)))) {
                live(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 60,
                        args.length > 4 ? Integer.parseInt(args[4]) : 1, detectors);
            }
        } else {
            System.err.println("usage: PipelineBench stages VIDEO... | live VIDEO STREAMS [SECONDS [DETECT_THREADS [BATCH]]]");
            System.exit(2);
        }
    }

    private static Detectors detectors() {
        return Detectors.load(Detectors.Settings.defaults(Inference.cpu(1)));
    }

    // ---- stages ----

    private static void stages(Path video, Detectors detectors) throws Exception {
        double ffmpegCpu = ffmpegDecodeCpu(video);
        long[] ours = ourDecode(video);
        run(video, detectors); // warm-up: JIT, ONNX Runtime arenas
        Result r = run(video, detectors);
        int frames = (int) ours[0];
        double ourCpu = ours[1] / 1e9;
        System.out.printf(Locale.ROOT, "%n== %s: %d frames %dx%d ==%n", video.getFileName(), frames, r.width, r.height);
        System.out.printf(Locale.ROOT, "decode only, ffmpeg -threads 1: %.2f CPU-s, %.0f frames/CPU-s%n", ffmpegCpu, frames / ffmpegCpu);
        System.out.printf(Locale.ROOT, "decode only, our FrameDecoder:  %.2f CPU-s, %.0f frames/CPU-s%n", ourCpu, frames / ourCpu);
        System.out.printf(Locale.ROOT, "whole pipeline at 5 fps:        %.2f CPU-s, %.0f source frames/CPU-s (%.2f of ffmpeg decode-only),"
                        + " %.1f analysed frames/CPU-s%n", r.cpuSeconds, frames / r.cpuSeconds, ffmpegCpu / r.cpuSeconds,
                r.stats.sampled() / r.cpuSeconds);
        System.out.printf(Locale.ROOT, "sampled %d, with motion %d (full passes %d), plates %d, faces %d, events %d%n",
                r.stats.sampled(), r.stats.motion(), r.stats.fullPasses(), r.stats.plates(), r.stats.faces(), r.events);
        System.out.println("stage          ms per sampled frame   ms per call   calls");
        for (Stage s : Stage.values()) {
            long calls = r.times.calls(s);
            System.out.printf(Locale.ROOT, "%-14s %10.2f %18.2f %9d%n", s.name().toLowerCase(Locale.ROOT),
                    r.times.nanos(s) / 1e6 / r.stats.sampled(), calls == 0 ? 0 : r.times.nanos(s) / 1e6 / calls, calls);
        }
        System.out.printf(Locale.ROOT, "heap allocated per sampled frame: %.1f KiB (all threads, %d frames)%n",
                r.allocatedBytes / 1024.0 / r.stats.sampled(), r.stats.sampled());
        System.out.printf(Locale.ROOT, "streams of this video one core sustains at 5 fps (CPU-s per stream-s): %.1f%n",
                frames / 25.0 / r.cpuSeconds);
    }

    private record Result(CameraPipeline.Stats stats, StageTimes times, double cpuSeconds, long allocatedBytes, long events,
                          int width, int height) {
    }

    private static Result run(Path video, Detectors detectors) throws Exception {
        ExecutorService detect = Executors.newSingleThreadExecutor();
        StageTimes times = new StageTimes();
        CountingSink events = new CountingSink();
        CameraPipeline pipeline = pipeline(0, detectors, events, detect, CameraPipeline.Backlog.WAIT, times);
        // packets are read first: their byte[] copies are the hub's (one per packet per camera, whoever
        // subscribes), not the pipeline's, and must not count against it
        Recording recording = Recording.load(video);
        List<Packet> packets = recording.packets();
        StreamInfo info = recording.info();
        Map<Long, Long> alloc0 = allocated();
        double cpu0 = processCpu();
        pipeline.onStream(info);
        for (Packet p : packets) {
            pipeline.onPacket(p);
        }
        pipeline.close(Duration.ofMinutes(10));
        double cpu = processCpu() - cpu0;
        long alloc = allocatedSince(alloc0);
        stop(detect);
        return new Result(pipeline.stats(), times, cpu, alloc, events.count, info.width(), info.height());
    }

    /** Frames and CPU nanoseconds of decoding the whole file with FrameDecoder on this thread. */
    private static long[] ourDecode(Path video) throws Exception {
        long[] frames = {0};
        long cpu = 0;
        for (int round = 0; round < 2; round++) { // the first warms up
            frames[0] = 0;
            long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            try (VideoFile file = VideoFile.open(video); FrameDecoder decoder = new FrameDecoder(file.info())) {
                for (Packet p = file.read(); p != null; p = file.read()) {
                    decoder.decode(p, pic -> frames[0]++);
                }
            }
            cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
        }
        return new long[] {frames[0], cpu};
    }

    private static double ffmpegDecodeCpu(Path video) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-threads", "1", "-benchmark", "-i", video.toString(),
                "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = FFMPEG_BENCH.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("ffmpeg -benchmark printed no times:\n" + out);
        }
        return Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
    }

    // ---- live ----

    private static void live(Path video, int streams, int seconds, int detectThreads, Detectors detectors) throws Exception {
        Recording recording = Recording.load(video);
        List<Packet> packets = recording.packets();
        StreamInfo info = recording.info();
        ExecutorService decode = Executors.newSingleThreadExecutor();
        ExecutorService detect = Executors.newFixedThreadPool(detectThreads);
        StageTimes times = new StageTimes();
        List<CameraPipeline> pipelines = new ArrayList<>();
        CountingSink events = new CountingSink();
        for (int i = 0; i < streams; i++) {
            CameraPipeline p = pipeline(i, detectors, events, detect, CameraPipeline.Backlog.DROP_OLDEST, times);
            decode.execute(() -> p.onStream(info));
            pipelines.add(p);
        }
        long loop = packets.get(packets.size() - 1).pts() + 3600;
        long start = System.nanoTime();
        int warmup = 20;
        long[] base = null;
        double cpu0 = 0;
        long wall0 = 0;
        // one pacing loop for all streams, staggered so their keyframes do not line up
        for (long frame = 0; ; frame++) {
            long due = start + frame * 40_000_000L;
            long now = System.nanoTime();
            if (due > now) {
                Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (base == null && elapsed >= warmup) {
                base = totals(pipelines);
                cpu0 = processCpu();
                wall0 = System.nanoTime();
            }
            if (elapsed >= warmup + seconds) {
                break;
            }
            for (int i = 0; i < streams; i++) {
                long k = frame + (long) i * packets.size() / streams;
                Packet src = packets.get((int) (k % packets.size()));
                long offset = (k / packets.size()) * loop;
                Packet p = new Packet(src.pts() + offset, src.dts() + offset, src.keyframe(), src.data(), System.nanoTime());
                CameraPipeline pipeline = pipelines.get(i);
                decode.execute(() -> pipeline.onPacket(p));
            }
        }
        double cpu = processCpu() - cpu0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        long[] end = totals(pipelines);
        pipelines.forEach(p -> p.close(Duration.ofSeconds(30)));
        decode.shutdown();
        stop(detect);
        System.out.printf(Locale.ROOT, "%n== live: %d streams of %s at 25 fps, analysed at 5 fps, %d s measured ==%n", streams,
                video.getFileName(), seconds);
        System.out.printf(Locale.ROOT, "CPU %.1f s in %.1f s wall = %.2f cores; %.3f CPU-s per stream-second -> %.1f streams per core%n",
                cpu, wall, cpu / wall, cpu / wall / streams, streams * wall / cpu);
        System.out.printf(Locale.ROOT, "sampled %d, with motion %d, analysed %d, dropped %d (%.1f%%)%n", end[0] - base[0],
                end[1] - base[1], end[2] - base[2], end[3] - base[3], 100.0 * (end[3] - base[3]) / Math.max(1, end[1] - base[1]));
        Detectors.Runs runs = detectors.runs();
        System.out.printf(Locale.ROOT, "model runs (inputs), whole run, %d detect threads: face %s, text detection %s,"
                + " text recognition %s%n", detectThreads, mean(runs.faces()), mean(runs.textDetection()),
                mean(runs.textRecognition()));
    }

    private static String mean(Batcher.Stats s) {
        return String.format(Locale.ROOT, "%d (%d, %.2f a run)", s.runs(), s.items(), (double) s.items() / Math.max(1, s.runs()));
    }

    private static long[] totals(List<CameraPipeline> pipelines) {
        long[] t = new long[4];
        for (CameraPipeline p : pipelines) {
            CameraPipeline.Stats s = p.stats();
            t[0] += s.sampled();
            t[1] += s.motion();
            t[2] += s.analysed();
            t[3] += s.dropped();
        }
        return t;
    }

    /** A video's packets in memory, as the hub would hand them out. */
    private record Recording(StreamInfo info, List<Packet> packets) {
        static Recording load(Path video) throws IOException {
            List<Packet> packets = new ArrayList<>();
            try (VideoFile file = VideoFile.open(video)) {
                for (Packet p = file.read(); p != null; p = file.read()) {
                    packets.add(p);
                }
                return new Recording(file.info(), packets);
            }
        }
    }

    /**
     * Camera {@code n}'s pipeline into its own tracker (no snapshot store) whose events are counted.
     * Camera ids are fixed: an id sets which frames get a whole face pass, and with it the counts.
     */
    private static CameraPipeline pipeline(int n, Detectors detectors, CountingSink events, ExecutorService detect,
                                           CameraPipeline.Backlog backlog, StageTimes times) {
        UUID camera = new UUID(0, n + 1);
        Tracker tracker = new Tracker(camera, new Placement(null, null, null, null, null, SiteType.ROAD), events, null,
                new Watchlist(), List.of(), TrackerSettings.DEFAULTS);
        return new CameraPipeline(camera, AnalyticsSettings.DEFAULTS, PipelineSettings.DEFAULTS, detectors, tracker, detect,
                Timeline.media(Instant.EPOCH), backlog, times);
    }

    // ---- measuring ----

    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Heap bytes allocated so far by each live thread, by thread id. */
    private static Map<Long, Long> allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] > 0) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }

    /** Allocated since {@code before} by the threads alive now (threads that ended meanwhile are not counted). */
    private static long allocatedSince(Map<Long, Long> before) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : allocated().entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    private static final class CountingSink implements org.sharpeyes.common.EventSink {
        volatile long count;

        @Override
        public synchronized void accept(org.sharpeyes.common.Detection event) {
            count++;
        }
    }
}
