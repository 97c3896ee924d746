package org.sharpeyes.analytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.analytics.Detectors;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.face.TextVeto;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.plate.PlateFormat;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Box;
import org.sharpeyes.common.PlateColor;
import org.sharpeyes.gateway.hub.Packet;

class CameraPipelineTest {
    private static Detectors detectors;
    @TempDir
    static Path dir;
    private static Path movingBox;
    private static Path still;

    private final ExecutorService detect = Executors.newSingleThreadExecutor();
    private final StageTimes times = new StageTimes();

    @BeforeAll
    static void load() throws Exception {
        detectors = Detectors.load(Detectors.Settings.defaults(Inference.cpu(1)));
        movingBox = TestVideos.encode(dir, "box.mp4", TestVideos.MOVING_BOX, 4, "-g", "50", "-bf", "0");
        still = TestVideos.encode(dir, "still.mp4", TestVideos.STILL, 4, "-g", "50", "-bf", "0");
    }

    @AfterAll
    static void unload() {
        detectors.close();
    }

    @AfterEach
    void stop() {
        detect.shutdownNow();
    }

    /** What a tracker would be told, in order. */
    static final class Recording implements FrameSink {
        final List<AnalysedFrame> frames = new CopyOnWriteArrayList<>();
        final List<Instant> idles = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        volatile long delayMillis;
        volatile CameraPipeline pipeline;
        volatile int maxQueued;

        @Override
        public void onFrame(AnalysedFrame frame) {
            frames.add(new AnalysedFrame(frame.cameraId(), frame.seq(), frame.time(), null, frame.plates(), frame.faces(),
                    frame.keptTracks(), frame.motion()));
            if (pipeline != null) {
                maxQueued = Math.max(maxQueued, pipeline.stats().queued());
            }
            sleep(delayMillis);
        }

        @Override
        public void onIdle(Instant now) {
            idles.add(now);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CameraPipeline pipeline(AnalyticsSettings analytics, Recording sink, CameraPipeline.Backlog backlog) {
        CameraPipeline p = new CameraPipeline(UUID.randomUUID(), analytics, PipelineSettings.DEFAULTS, detectors, sink, detect,
                Timeline.media(Instant.parse("2026-01-01T00:00:00Z")), backlog, times);
        sink.pipeline = p;
        return p;
    }

    private static CameraPipeline.Stats play(Path video, CameraPipeline pipeline) throws Exception {
        feed(video, pipeline);
        pipeline.close(Duration.ofSeconds(30));
        return pipeline.stats();
    }

    private static void feed(Path video, CameraPipeline pipeline) throws Exception {
        try (VideoFile file = VideoFile.open(video)) {
            pipeline.onStream(file.info());
            for (Packet p = file.read(); p != null; p = file.read()) {
                pipeline.onPacket(p);
            }
        }
    }

    private static AnalyticsSettings at(float fps) {
        return new AnalyticsSettings(true, true, fps, List.of());
    }

    @Test
    void aMovingObjectIsLookedAtInEverySampledFrameAndTimesFollowTheVideo() throws Exception {
        Recording sink = new Recording();
        CameraPipeline.Stats s = play(movingBox, pipeline(at(5), sink, CameraPipeline.Backlog.WAIT));
        assertThat(s.packets()).isEqualTo(100);
        assertThat(s.decoded()).isEqualTo(100);
        assertThat(s.sampled()).isEqualTo(20);
        assertThat(s.motion()).as("the first frame is a full pass, every later one sees the box move").isEqualTo(20);
        assertThat(s.fullPasses()).isEqualTo(1);
        assertThat(s.analysed()).isEqualTo(20);
        assertThat(s.dropped()).isZero();
        assertThat(sink.frames).hasSize(20);
        assertThat(sink.frames.get(1).time()).isEqualTo(Instant.parse("2026-01-01T00:00:00.200Z"));
        assertThat(sink.frames).extracting(AnalysedFrame::seq).isSorted();
        assertThat(sink.frames.subList(1, 20)).as("frames where the box moved").allMatch(AnalysedFrame::motion);
        assertThat(sink.closes.get()).isEqualTo(1);
        assertThat(times.calls(Stage.FACE)).isPositive();
        assertThat(times.calls(Stage.CONVERT)).isEqualTo(20);
    }

    @Test
    void withNoFaceAboutFacesAreLookedForInOneFrameOfFaceEveryAndInTheFullPass() throws Exception {
        PipelineSettings every3 = new PipelineSettings(2, PipelineSettings.DEFAULTS.motion(), PipelineSettings.DEFAULTS.fullPass(),
                PipelineSettings.Decoder.SOFTWARE, 3);
        Recording sink = new Recording();
        CameraPipeline p = new CameraPipeline(UUID.randomUUID(), at(5), every3, detectors, sink, detect,
                Timeline.media(Instant.EPOCH), CameraPipeline.Backlog.WAIT, times);
        CameraPipeline.Stats s = play(movingBox, p);
        assertThat(s.analysed()).isEqualTo(20);
        assertThat(sink.frames).allMatch(f -> f.faces().isEmpty());
        // the full pass (frame 0) and one in three of the other 19, one region each
        assertThat(times.calls(Stage.FACE)).isBetween(7L, 8L);
        assertThat(times.calls(Stage.PLATE_CANDIDATES)).as("plates in every frame").isEqualTo(20);
    }

    @Test
    void aRecordingGetsItsFullPassesByItsOwnTimeHoweverFastItIsAnalysed() throws Exception {
        // the 4 s clip is analysed in well under a second of wall time
        PipelineSettings everySecond = new PipelineSettings(2, PipelineSettings.DEFAULTS.motion(), Duration.ofSeconds(1),
                PipelineSettings.Decoder.SOFTWARE, PipelineSettings.DEFAULTS.faceEvery());
        Recording sink = new Recording();
        CameraPipeline p = new CameraPipeline(UUID.randomUUID(), at(5), everySecond, detectors, sink, detect,
                Timeline.media(Instant.EPOCH), CameraPipeline.Backlog.WAIT, times);
        assertThat(play(movingBox, p).fullPasses()).as("at 0, 1, 2 and 3 s of the clip").isEqualTo(4);
    }

    @Test
    void aCandidateWindowOverASettledPlateIsKeptNotRead() {
        SettledPlate car = new SettledPlate(7, new Box(400, 300, 100, 30));
        SettledPlate other = new SettledPlate(8, new Box(900, 300, 100, 30));
        List<Long> kept = new ArrayList<>();
        assertThat(CameraPipeline.keeps(new Box(384, 288, 160, 64), List.of(other, car), kept)).isTrue();
        assertThat(CameraPipeline.keeps(new Box(380, 280, 160, 64), List.of(car), kept)).as("kept once").isTrue();
        assertThat(kept).containsExactly(7L);
        assertThat(CameraPipeline.keeps(new Box(0, 0, 640, 360), List.of(car), kept))
                .as("a window far wider than the plate may hold another").isFalse();
        assertThat(CameraPipeline.keeps(new Box(600, 288, 160, 64), List.of(car), kept)).as("elsewhere").isFalse();
    }

    @Test
    void aFaceOnAPlateOfTheFrameReadOrKeptIsTakenForItsGlyphsUnlessSure() {
        // as BlazeFace saw a 60 px face in a yellow plate's glyphs in the 720p street video
        PlateRead read = new PlateRead("沪S804K5", PlateFormat.Kind.ORDINARY, PlateColor.YELLOW, new Box(285, 374, 101, 32), 0.95);
        SettledPlate keptCar = new SettledPlate(7, new Box(800, 400, 100, 30));
        SettledPlate unseenCar = new SettledPlate(8, new Box(1000, 400, 100, 30));
        Face onRead = face(new Box(309, 356, 60, 60), 0.66f);
        Face onKept = face(new Box(810, 395, 40, 40), 0.7f);
        Face sure = face(new Box(300, 360, 50, 50), TextVeto.SURE_FACE);
        Face onUnseen = face(new Box(1010, 395, 40, 40), 0.7f);
        Face driver = face(new Box(300, 250, 60, 60), 0.7f);
        List<Face> faces = new ArrayList<>(List.of(onRead, onKept, sure, onUnseen, driver));
        CameraPipeline.dropFacesOnPlates(faces, List.of(read), List.of(keptCar, unseenCar), List.of(7L));
        assertThat(faces).containsExactly(sure, onUnseen, driver);
    }

    private static Face face(Box box, float score) {
        return new Face(box, score, new float[2 * Face.LANDMARKS]);
    }

    @Test
    void aStillPictureIsLookedAtOnlyByTheFullPassAndItsTimeReachesTheSinkAsIdle() throws Exception {
        Recording sink = new Recording();
        CameraPipeline.Stats s = play(still, pipeline(at(5), sink, CameraPipeline.Backlog.WAIT));
        assertThat(s.sampled()).isEqualTo(20);
        assertThat(s.analysed()).isEqualTo(1);
        assertThat(sink.frames).singleElement().as("seen by the full pass alone").matches(f -> !f.motion());
        assertThat(sink.idles).hasSize(19);
        assertThat(times.calls(Stage.CONVERT)).as("pictures without motion are never converted to BGR").isEqualTo(1);
    }

    @Test
    void unsampledBFramesAreNotDecoded() throws Exception {
        Path bframes = TestVideos.encode(dir, "b.mp4", TestVideos.MOVING_BOX, 4, "-g", "50", "-bf", "3", "-b_strategy", "0",
                "-x264-params", "b-pyramid=none");
        CameraPipeline.Stats s = play(bframes, pipeline(at(5), new Recording(), CameraPipeline.Backlog.WAIT));
        assertThat(s.packets()).isEqualTo(100);
        assertThat(s.sampled()).isBetween(19L, 21L);
        // 3 in 4 frames are B-frames nothing references: only the due ones among them are decoded
        assertThat(s.decoded()).isLessThan(50);
    }

    @Test
    void atAboutOneFramePerGroupOfPicturesOnlyKeyframesAreDecoded() throws Exception {
        Path gop1s = TestVideos.encode(dir, "gop.mp4", TestVideos.MOVING_BOX, 8, "-g", "25", "-bf", "0");
        CameraPipeline.Stats s = play(gop1s, pipeline(at(0.5f), new Recording(), CameraPipeline.Backlog.WAIT));
        assertThat(s.packets()).isEqualTo(200);
        // until two keyframes have been seen every frame is decoded (one GOP), then keyframes only
        assertThat(s.decoded()).isLessThanOrEqualTo(25 + 8);
        assertThat(s.sampled()).isBetween(4L, 5L);
    }

    @Test
    void aDetectorThatFallsBehindLosesTheOldestFramesNotRealTimeAndTheQueueStaysBounded() throws Exception {
        Recording sink = new Recording();
        sink.delayMillis = 150;
        CameraPipeline pipeline = pipeline(at(25), sink, CameraPipeline.Backlog.DROP_OLDEST);
        feed(movingBox, pipeline); // decoding races ahead of the 150 ms detector
        await().atMost(Duration.ofSeconds(20)).until(() -> pipeline.stats().queued() == 0
                && pipeline.stats().analysed() + pipeline.stats().dropped() == 100);
        pipeline.close(Duration.ofSeconds(10));
        CameraPipeline.Stats s = pipeline.stats();
        assertThat(s.motion()).isEqualTo(100);
        assertThat(s.dropped()).isPositive();
        assertThat(s.analysed() + s.dropped()).isEqualTo(s.motion());
        assertThat(sink.maxQueued).isLessThanOrEqualTo(PipelineSettings.DEFAULTS.queueFrames());
        assertThat(sink.frames).extracting(AnalysedFrame::seq).isSorted().doesNotHaveDuplicates();
        assertThat(sink.frames.get(sink.frames.size() - 1).seq()).as("the newest frames are the ones kept").isGreaterThan(95);
    }

    @Test
    void aRecordingWaitsForASlowDetectorAndLosesNothing() throws Exception {
        Recording sink = new Recording();
        sink.delayMillis = 20;
        CameraPipeline.Stats s = play(movingBox, pipeline(at(25), sink, CameraPipeline.Backlog.WAIT));
        assertThat(s.dropped()).isZero();
        assertThat(sink.frames).hasSize(100);
    }

    /**
     * Cameras on several detect threads whose model runs are batched together (a GPU node's way,
     * here on the CPU) read, frame by frame, what one camera reads with every run its own.
     */
    @Test
    void camerasWhoseModelRunsAreBatchedTogetherReadWhatOneReadsAlone() throws Exception {
        Path plate = TestVideos.encode(dir, "plate.mp4", TestVideos.PLATE, 4, "-g", "50", "-bf", "0");
        Recording alone = new Recording();
        play(plate, pipeline(at(5), alone, CameraPipeline.Backlog.WAIT));
        List<String> expected = reads(alone);
        assertThat(expected).as("the plate is read").anyMatch(r -> r.endsWith("渝A12345"));
        int cameras = 4;
        ExecutorService shared = Executors.newFixedThreadPool(cameras);
        ExecutorService feeders = Executors.newFixedThreadPool(cameras);
        try (Detectors batched = Detectors.load(Detectors.Settings.defaults(new Inference(Inference.Device.CPU, 1, 16)))) {
            List<Recording> sinks = new ArrayList<>();
            List<Future<?>> played = new ArrayList<>();
            for (int c = 0; c < cameras; c++) {
                Recording sink = new Recording();
                sinks.add(sink);
                CameraPipeline p = new CameraPipeline(UUID.randomUUID(), at(5), PipelineSettings.DEFAULTS, batched, sink,
                        shared, Timeline.media(Instant.parse("2026-01-01T00:00:00Z")), CameraPipeline.Backlog.WAIT, times);
                played.add(feeders.submit(() -> play(plate, p)));
            }
            for (Future<?> f : played) {
                f.get();
            }
            for (Recording sink : sinks) {
                assertThat(reads(sink)).containsExactlyElementsOf(expected);
            }
            Detectors.Runs runs = batched.runs();
            assertThat(runs.textDetection().runs()).as("text detection joined the cameras' windows")
                    .isLessThan(runs.textDetection().items());
            assertThat(runs.textRecognition().runs()).as("and recognition their crops")
                    .isLessThan(runs.textRecognition().items());
        } finally {
            shared.shutdownNow();
            feeders.shutdownNow();
        }
    }

    /** "seq:text" of every plate read, in frame order. */
    private static List<String> reads(Recording sink) {
        List<String> out = new ArrayList<>();
        for (AnalysedFrame f : sink.frames) {
            f.plates().forEach(p -> out.add(f.seq() + ":" + p.text()));
        }
        return out;
    }

    @Test
    void aStalledStreamLetsTracksEndByTimeOnlyWhenNothingArrived() throws Exception {
        Recording sink = new Recording();
        CameraPipeline pipeline = pipeline(at(5), sink, CameraPipeline.Backlog.DROP_OLDEST);
        Instant now = Instant.parse("2026-01-01T00:01:00Z");
        pipeline.tick(now, Duration.ofHours(1));
        pipeline.tick(now, Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.idles.isEmpty());
        pipeline.close(Duration.ofSeconds(10));
        assertThat(sink.idles).containsExactly(now);
        assertThat(sink.closes.get()).isEqualTo(1);
    }
}
