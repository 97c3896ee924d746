package org.sharpeyes.analytics.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.Detectors;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.face.TextVeto;
import org.sharpeyes.analytics.motion.MotionGate;
import org.sharpeyes.analytics.motion.Roi;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.analytics.plate.TextQuad;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Box;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.rtsp.FrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's analysis, from hub packets to its {@link FrameSink} (the tracker), in two stages.
 *
 * <p><b>Decode</b>, on the hub subscription's executor: every packet is decoded, except that a
 * frame the sampler will not take is skipped when nothing references it, and only keyframes are
 * decoded when the analysis rate is at most one per group of pictures. Sampled pictures get a
 * grey thumbnail for the {@link MotionGate}; only pictures with motion (or due for a periodic
 * full pass) are converted to BGR, into a pooled buffer, and queued.
 *
 * <p><b>Detect</b>, on the shared detect executor, one frame of this camera at a time: plates and
 * faces are looked for in the motion regions only, then the frame goes to the sink. Plates: text
 * detection runs only on the plate-shaped windows of a region ({@code PlateReader#candidates}),
 * a window over a plate the sink has settled ({@link FrameSink#settledPlates}) is not read but
 * reported as kept, and one where no plate was read lately is skipped ({@link BarrenWindows}).
 * Faces: in the whole regions in one frame of {@code faceEvery} (and every full pass); in the
 * frames between, while a face was found in the last {@link #FACE_HOLD}, only in the detector
 * tiles around those faces (their tracks need every sighting, the rest of a busy region does
 * not). Sampled
 * frames without motion reach the sink as {@link FrameSink#onIdle} (time passes, nothing looked
 * at), as does a stalled stream via {@link #tick}.
 *
 * <p>Between the two, a queue of {@code queueFrames}: when detection falls behind, the oldest
 * waiting frame is dropped and counted, so analysis stays near real time.
 */
public final class CameraPipeline implements Subscriber, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraPipeline.class);
    /** After a face is found, faces are looked for around it in every frame for this long (the tracker's default maxGap). */
    static final Duration FACE_HOLD = Duration.ofSeconds(2);
    /** An earlier sighting this many face sides from a face found now is taken for that face... */
    static final double SAME_FACE_SIDES = 3;
    /** ...and at most this many times larger or smaller (a near face must not end a far one's hold). */
    static final double SAME_FACE_SIZE = 1.5;
    /** A candidate window up to this many times a settled plate's width counts as that plate seen again. */
    static final double MAX_KEEP_WIDTH = 2.5;
    /** Buffers beyond the queue: the frame being detected and the one being converted. */
    private static final int BUFFERS_BEYOND_QUEUE = 2;

    /** What decoding does when detection falls behind. */
    public enum Backlog {
        /** A live camera: drop the oldest waiting frame (counted), stay near real time. */
        DROP_OLDEST,
        /** A recording: wait for detection, lose nothing. */
        WAIT
    }

    /** Where a face was, and when. */
    private record Sighting(Instant time, Box box) {
    }

    /** A sampled frame on its way to detection; {@code bgr} null means nothing moved. */
    private record Work(long seq, Instant time, Mat bgr, List<Box> regions, boolean fullPass, boolean motion) {
    }

    /**
     * Counts since the pipeline started.
     *
     * @param packetsLost packets the hub discarded for this pipeline because decoding fell behind
     * @param sampled     pictures taken at the analysis rate
     * @param motion      sampled pictures with motion or a full pass, sent to detection
     * @param dropped     of those, frames dropped because detection fell behind
     * @param analysed    frames the detectors looked at
     * @param errors      frames a detector failed on
     */
    public record Stats(long packets, long packetsLost, long decoded, long sampled, long motion, long fullPasses,
                        long dropped, long analysed, long plates, long faces, long errors, int queued) {
    }

    private final UUID cameraId;
    private final AnalyticsSettings analytics;
    private final PipelineSettings settings;
    private final Detectors detectors;
    private final FrameSink sink;
    private final Executor detectExecutor;
    private final Timeline timeline;
    private final Backlog backlog;
    private final Roi roi;
    private final FramePool pool;
    private final StageTimes times;

    // decode side, guarded by decodeLock
    private final Object decodeLock = new Object();
    private final FrameSampler sampler;
    private final MotionGate gate;
    private FrameDecoder decoder;
    private Mat thumb;
    private final Consumer<FrameDecoder.Picture> pictureHandler = this::onPicture;
    private Packet completing;
    private long pictureNanos;
    private long lastKeyPts = Long.MIN_VALUE;
    private boolean keyframesOnly;
    // the periodic full pass goes by the frames' time, so a recording gets it at the same frames
    // however fast it is analysed; a clock that went back (a second or more) starts the period again
    private Instant lastFullPass;
    private Instant nextFullPass;
    private long seq;
    private boolean decodeClosed;

    // detect side: frames sent to detection so far, which of them look in whole regions for faces,
    // faces of the last FACE_HOLD, windows where no plate was read
    private long detectFrames;
    private final long facePhase;
    private final ArrayDeque<Sighting> recentFaces = new ArrayDeque<>();
    private final BarrenWindows barren = new BarrenWindows();

    // detect side, guarded by queue
    private final ArrayDeque<Work> queue = new ArrayDeque<>();
    private boolean scheduled;
    private boolean closing;
    private long lastQueuedNanos = System.nanoTime();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    // counters: one writer each, read by anyone
    private volatile long packets;
    private volatile long packetsLost;
    private volatile long decoded;
    private volatile long sampled;
    private volatile long motion;
    private volatile long fullPasses;
    private volatile long dropped;
    private volatile long analysed;
    private volatile long plates;
    private volatile long faces;
    private volatile long errors;

    /**
     * @param detectExecutor shared by cameras; its {@code execute} must not run the task in the caller
     * @param times          where stage timings add up (may be shared by pipelines)
     */
    public CameraPipeline(UUID cameraId, AnalyticsSettings analytics, PipelineSettings settings, Detectors detectors,
                          FrameSink sink, Executor detectExecutor, Timeline timeline, Backlog backlog, StageTimes times) {
        this.cameraId = Objects.requireNonNull(cameraId, "cameraId");
        this.analytics = Objects.requireNonNull(analytics, "analytics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.detectors = Objects.requireNonNull(detectors, "detectors");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.detectExecutor = Objects.requireNonNull(detectExecutor, "detectExecutor");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.backlog = Objects.requireNonNull(backlog, "backlog");
        this.times = Objects.requireNonNull(times, "times");
        this.roi = new Roi(analytics.roi());
        this.sampler = new FrameSampler(analytics.fps());
        this.gate = new MotionGate(settings.motion(), roi);
        this.pool = new FramePool(settings.queueFrames() + BUFFERS_BEYOND_QUEUE);
        // staggered by camera, so that cameras sharing a detect thread do not look for faces in step
        this.facePhase = Math.floorMod(cameraId.hashCode(), settings.faceEvery());
    }

    public UUID cameraId() {
        return cameraId;
    }

    public AnalyticsSettings analytics() {
        return analytics;
    }

    public Stats stats() {
        int queued;
        synchronized (queue) {
            queued = queue.size();
        }
        return new Stats(packets, packetsLost, decoded, sampled, motion, fullPasses, dropped, analysed, plates, faces,
                errors, queued);
    }

    // ---- decode side: called by the hub subscription, one call at a time ----

    @Override
    public void onStream(StreamInfo info) {
        synchronized (decodeLock) {
            if (decodeClosed) {
                return;
            }
            closeDecoder();
            String name = decoderName(info);
            try {
                decoder = new FrameDecoder(info, name);
            } catch (IllegalArgumentException e) {
                if (name == null) {
                    log.warn("camera analysis cannot decode camera={} codec={}: {}", cameraId, info.codec(), e.getMessage());
                    return;
                }
                log.warn("hardware decoder unavailable camera={} decoder={}, decoding in software: {}", cameraId, name,
                        e.getMessage());
                decoder = new FrameDecoder(info);
            }
            sampler.reset();
            gate.reset();
            lastKeyPts = Long.MIN_VALUE;
            keyframesOnly = false;
            log.info("camera analysis stream camera={} codec={} size={}x{} decoder={}", cameraId, info.codec(),
                    info.width(), info.height(), name == null ? "software" : name);
        }
    }

    private String decoderName(StreamInfo info) {
        if (settings.decoder() != PipelineSettings.Decoder.CUVID) {
            return null;
        }
        return switch (info.codec()) {
            case "h264" -> "h264_cuvid";
            case "hevc" -> "hevc_cuvid";
            default -> null;
        };
    }

    @Override
    public void onPacket(Packet p) {
        synchronized (decodeLock) {
            if (decodeClosed || decoder == null) {
                return;
            }
            packets++;
            if (p.keyframe()) {
                if (lastKeyPts != Long.MIN_VALUE && p.pts() > lastKeyPts) {
                    keyframesOnly = p.pts() - lastKeyPts <= sampler.interval();
                }
                lastKeyPts = p.pts();
            }
            decoder.skip(keyframesOnly ? FrameDecoder.Skip.NON_KEY
                    : sampler.due(p.pts()) ? FrameDecoder.Skip.NONE : FrameDecoder.Skip.NON_REFERENCE);
            completing = p;
            pictureNanos = 0;
            long start = System.nanoTime();
            decoder.decode(p, pictureHandler);
            times.add(Stage.DECODE, System.nanoTime() - start - pictureNanos);
        }
    }

    @Override
    public void onDropped(long count) {
        packetsLost += count;
    }

    private void onPicture(FrameDecoder.Picture pic) {
        pictureNanos += picture(pic);
    }

    /** Returns the nanoseconds spent here, which are not decoding. */
    private long picture(FrameDecoder.Picture pic) {
        decoded++;
        if (!sampler.take(pic.pts())) {
            return 0;
        }
        long start = System.nanoTime();
        sampled++;
        int w = pic.width();
        int h = pic.height();
        Instant time = timeline.time(completing, pic.pts());
        if (thumb == null || thumb.cols() != settings.motion().width()
                || thumb.rows() != settings.motion().height(w, h)) {
            if (thumb != null) {
                thumb.close();
            }
            thumb = gate.thumbnail(w, h);
        }
        pic.toGrey(thumb);
        List<Box> regions = gate.regions(thumb, w, h);
        boolean moved = !regions.isEmpty();
        boolean full = nextFullPass == null || !time.isBefore(nextFullPass)
                || time.getEpochSecond() + 1 < lastFullPass.getEpochSecond(); // back by more than a frame's jitter
        if (full) {
            lastFullPass = time;
            nextFullPass = time.plus(settings.fullPass());
            regions = List.of(roi.bounds(w, h));
            fullPasses++;
        }
        long gated = System.nanoTime();
        times.add(Stage.MOTION, gated - start);
        seq++;
        if (regions.isEmpty()) {
            enqueue(new Work(seq, time, null, List.of(), false, false));
            return gated - start;
        }
        motion++;
        makeRoom(); // a recording may wait here for detection: neither decoding nor converting
        long room = System.nanoTime();
        Mat bgr = pool.take(w, h);
        if (bgr == null) { // closing
            return System.nanoTime() - start;
        }
        pic.toBgr(bgr);
        long converted = System.nanoTime();
        times.add(Stage.CONVERT, converted - room);
        enqueue(new Work(seq, time, bgr, regions, full, moved));
        return System.nanoTime() - start;
    }

    private void closeDecoder() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }

    // ---- the queue between the stages ----

    /**
     * Makes room for one more frame: drops the oldest waiting one when the queue is full, or
     * waits for detection to take one ({@link Backlog#WAIT}).
     */
    private void makeRoom() {
        Work evicted = null;
        synchronized (queue) {
            while (backlog == Backlog.WAIT && !closing && queue.size() >= settings.queueFrames()) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (queue.size() >= settings.queueFrames()) {
                evicted = queue.poll();
            }
        }
        release(evicted);
    }

    private void enqueue(Work work) {
        makeRoom();
        Work rejected = null;
        synchronized (queue) {
            if (closing) {
                rejected = work;
            } else {
                queue.add(work);
                lastQueuedNanos = System.nanoTime();
                schedule();
            }
        }
        release(rejected);
    }

    /** A dropped frame's buffer goes back to the pool; a frame with motion counts as dropped. */
    private void release(Work w) {
        if (w != null && w.bgr() != null) {
            dropped++;
            pool.give(w.bgr());
        }
    }

    /** Under the queue lock. */
    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            try {
                detectExecutor.execute(this::drainOne);
            } catch (RejectedExecutionException e) {
                scheduled = false;
                log.warn("detect executor rejected camera={}; analysis of queued frames abandoned", cameraId);
            }
        }
    }

    /**
     * Lets open tracks end when the stream has stalled: called every second or so by the owner;
     * does nothing while frames arrive.
     */
    public void tick(Instant now, Duration stalledAfter) {
        synchronized (queue) {
            if (closing || System.nanoTime() - lastQueuedNanos < stalledAfter.toNanos()) {
                return;
            }
        }
        enqueue(new Work(-1, now, null, List.of(), false, false));
    }

    // ---- detect side: one frame of this camera at a time, on the detect executor ----

    /** Handles one frame, then gives the executor back, so cameras take turns. */
    private void drainOne() {
        Work w;
        synchronized (queue) {
            w = queue.poll();
            queue.notifyAll();
            if (w == null) {
                scheduled = false;
                if (closing) {
                    finish();
                }
                return;
            }
        }
        try {
            handle(w);
        } finally {
            if (w.bgr() != null) {
                pool.give(w.bgr());
            }
            synchronized (queue) {
                scheduled = false;
                if (!queue.isEmpty() || closing) {
                    schedule();
                }
            }
        }
    }

    private void handle(Work w) {
        try {
            if (w.bgr() == null) {
                sink.onIdle(w.time());
                return;
            }
            Mat bgr = w.bgr();
            // whole regions in one frame of faceEvery, and in a full pass (how people standing still
            // are seen); in between, only around the faces of the last FACE_HOLD
            boolean faceTurn = detectFrames++ % settings.faceEvery() == facePhase || w.fullPass();
            while (!recentFaces.isEmpty()
                    && recentFaces.peekFirst().time().until(w.time(), ChronoUnit.NANOS) > FACE_HOLD.toNanos()) {
                recentFaces.pollFirst();
            }
            List<Box> recent = faceTurn ? List.of() : recentBoxes();
            boolean lookForFaces = analytics.faces() && (faceTurn || !recent.isEmpty());
            List<SettledPlate> settled = analytics.plates() ? sink.settledPlates(w.time()) : List.of();
            barren.expire(w.time());
            List<PlateRead> foundPlates = new ArrayList<>();
            List<Long> kept = new ArrayList<>();
            List<Face> foundFaces = new ArrayList<>();
            // indexed loops here and below: this runs for every frame with motion
            for (int r = 0; r < w.regions().size(); r++) {
                Box region = w.regions().get(r);
                if (analytics.plates()) {
                    platesIn(bgr, w.time(), region, settled, foundPlates, kept);
                }
                if (lookForFaces) {
                    long start = System.nanoTime();
                    List<Face> found = faceTurn ? detectors.faces().detect(bgr, region)
                            : detectors.faces().detectAround(bgr, region, recent);
                    for (int i = 0; i < found.size(); i++) {
                        if (roi.containsCentre(found.get(i).box(), bgr.cols(), bgr.rows())) {
                            foundFaces.add(found.get(i));
                        }
                    }
                    times.add(Stage.FACE, System.nanoTime() - start);
                }
            }
            if (!foundFaces.isEmpty() && (!foundPlates.isEmpty() || !kept.isEmpty())) {
                dropFacesOnPlates(foundFaces, foundPlates, settled, kept);
            }
            for (int i = 0; i < foundFaces.size(); i++) {
                Box face = foundFaces.get(i).box();
                dropSupersededBy(face, w.time());
                recentFaces.addLast(new Sighting(w.time(), face));
            }
            analysed++;
            plates += foundPlates.size();
            faces += foundFaces.size();
            long start = System.nanoTime();
            sink.onFrame(new AnalysedFrame(cameraId, w.seq(), w.time(), bgr, foundPlates, foundFaces, kept, w.motion()));
            times.add(Stage.TRACK, System.nanoTime() - start);
        } catch (RuntimeException e) {
            long n = ++errors;
            if (n == 1 || n % 1000 == 0) {
                log.error("camera analysis failed on a frame camera={} seq={} failures={}", cameraId, w.seq(), n, e);
            }
        }
    }

    /** Faces on a plate of the frame, read or kept, are its glyphs unless sure ({@link TextVeto}). */
    static void dropFacesOnPlates(List<Face> faces, List<PlateRead> plates, List<SettledPlate> settled, List<Long> kept) {
        List<Box> lines = new ArrayList<>(plates.size() + kept.size());
        for (PlateRead p : plates) {
            lines.add(p.box());
        }
        for (SettledPlate p : settled) {
            if (kept.contains(p.trackId())) {
                lines.add(p.box());
            }
        }
        faces.removeIf(f -> TextVeto.drops(f, lines));
    }

    /**
     * Forgets the sightings before {@code now} of a face found again: those within
     * {@link #SAME_FACE_SIDES} of its sides, and of its size within {@link #SAME_FACE_SIZE}. The hold looks around each recent sighting, and a
     * walker's path over the last FACE_HOLD would otherwise keep tiles running where they no
     * longer are (720p street video: 1,274 face model runs → 1,218, the same events).
     */
    private void dropSupersededBy(Box face, Instant now) {
        double reach = SAME_FACE_SIDES * Math.max(face.width(), face.height());
        for (Iterator<Sighting> it = recentFaces.iterator(); it.hasNext(); ) {
            Sighting s = it.next();
            if (s.time().isBefore(now) && s.box().centreDistance(0, 0, face) <= reach
                    && s.box().sizedLike(face, SAME_FACE_SIZE)) {
                it.remove();
            }
        }
    }

    /** Boxes of the faces of the last FACE_HOLD. */
    private List<Box> recentBoxes() {
        if (recentFaces.isEmpty()) {
            return List.of();
        }
        List<Box> out = new ArrayList<>(recentFaces.size());
        for (Sighting s : recentFaces) {
            out.add(s.box());
        }
        return out;
    }

    /**
     * Plates of one region: text is detected only in its plate-shaped windows, and a window where a
     * settled plate is expected is not read but reported as seen; windows where no plate was read
     * are remembered, and skipped while remembered.
     */
    private void platesIn(Mat bgr, Instant time, Box region, List<SettledPlate> settled, List<PlateRead> out,
                          List<Long> kept) {
        long start = System.nanoTime();
        List<Box> windows = new ArrayList<>(detectors.plates().candidates(bgr, region));
        windows.removeIf(window -> keeps(window, settled, kept) || barren.contains(window));
        long found = System.nanoTime();
        times.add(Stage.PLATE_CANDIDATES, found - start);
        if (windows.isEmpty()) {
            return;
        }
        List<TextQuad> located = detectors.plates().locate(bgr, windows);
        long mid = System.nanoTime();
        times.add(Stage.PLATE_LOCATE, mid - found);
        List<PlateRead> read = List.of();
        if (!located.isEmpty()) {
            read = detectors.plates().read(bgr, located);
            for (PlateRead p : read) {
                if (roi.containsCentre(p.box(), bgr.cols(), bgr.rows())) {
                    out.add(p);
                }
            }
            times.add(Stage.PLATE_READ, System.nanoTime() - mid);
        }
        for (Box window : windows) {
            if (!holdsCentre(window, read)) {
                barren.add(window, time);
            }
        }
    }

    private static boolean holdsCentre(Box window, List<PlateRead> plates) {
        for (PlateRead p : plates) {
            Box b = p.box();
            if (contains(window, b.x() + b.width() / 2.0, b.y() + b.height() / 2.0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Box window, double x, double y) {
        return x >= window.x() && x < window.x() + window.width() && y >= window.y() && y < window.y() + window.height();
    }

    /**
     * Whether the window is over a settled plate (its expected centre inside, and the window not
     * much wider than it: a wide window may hold another plate too); that plate is then kept.
     */
    static boolean keeps(Box window, List<SettledPlate> settled, List<Long> kept) {
        for (SettledPlate p : settled) {
            Box b = p.box();
            double cx = b.x() + b.width() / 2.0;
            double cy = b.y() + b.height() / 2.0;
            if (contains(window, cx, cy) && window.width() <= MAX_KEEP_WIDTH * b.width()) {
                if (!kept.contains(p.trackId())) {
                    kept.add(p.trackId());
                }
                return true;
            }
        }
        return false;
    }

    /** On the detect executor, after the last frame: open tracks end. */
    private void finish() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            log.warn("frame sink failed to close camera={}", cameraId, e);
        } finally {
            finished.complete(null);
        }
    }

    /**
     * Stops: the caller has unsubscribed from the hub first. Waiting frames of a live camera are
     * dropped, those of a recording ({@link Backlog#WAIT}) are still analysed; the frame being
     * detected finishes, then the sink closes (open tracks become events). Waits for that up to
     * {@code timeout}.
     */
    public void close(Duration timeout) {
        List<Work> abandoned = new ArrayList<>();
        synchronized (queue) {
            closing = true;
            if (backlog == Backlog.DROP_OLDEST) {
                abandoned.addAll(queue);
                queue.clear();
            }
            queue.notifyAll();
            schedule();
        }
        abandoned.forEach(this::release);
        synchronized (decodeLock) {
            decodeClosed = true;
            closeDecoder();
            if (thumb != null) {
                thumb.close();
                thumb = null;
            }
        }
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("camera analysis did not finish within {} camera={}", timeout, cameraId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        pool.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
