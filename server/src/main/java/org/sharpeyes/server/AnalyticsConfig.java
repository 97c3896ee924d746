package org.sharpeyes.server;

import static org.sharpeyes.server.GatewayConfig.checked;

import org.sharpeyes.analytics.Analytics;
import org.sharpeyes.analytics.Detectors;
import org.sharpeyes.analytics.face.FaceDetector;
import org.sharpeyes.analytics.motion.MotionSettings;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.pipeline.PipelineSettings;
import org.sharpeyes.analytics.plate.PlateReader;
import org.sharpeyes.analytics.tracker.TrackerSettings;

/** The analytics.* keys as the analytics settings records; a rule a record refuses names its key. */
final class AnalyticsConfig {
    private static final String A = "analytics.";

    private AnalyticsConfig() {
    }

    static Inference.Device device(Config c) {
        return checked(A + "device", () -> Inference.Device.parse(c.text(A + "device")));
    }

    static Detectors.Settings detectors(Config c) {
        // the message names the key: intraOpThreads or batch
        Inference inference = checked("analytics", () -> new Inference(device(c), c.integer(A + "intraOpThreads"),
                c.integer(A + "batch")));
        Detectors.Settings defaults = Detectors.Settings.defaults(inference);
        return new Detectors.Settings(inference, defaults.faceModels(), defaults.faceVariant(),
                checked(A + "plate", () -> new PlateReader.Settings(c.integer(A + "plate.detMaxSide"),
                        c.integer(A + "plate.windowHeight"), c.number(A + "plate.minCharScore"),
                        c.number(A + "plate.minGlyphScore"))),
                checked(A + "face", () -> new FaceDetector.Settings(c.integer(A + "face.minFace"),
                        (float) c.number(A + "face.minScore"))));
    }

    static Analytics.Settings settings(Config c) {
        int cores = Runtime.getRuntime().availableProcessors();
        MotionSettings motion = checked(A + "motion", () -> new MotionSettings(c.integer(A + "motion.width"),
                c.integer(A + "motion.cell"), c.integer(A + "motion.pixelThreshold"), c.number(A + "motion.cellShare"),
                c.integer(A + "motion.pad"), c.number(A + "motion.wholeShare")));
        PipelineSettings pipeline = checked(A + "queueFrames", () -> new PipelineSettings(c.integer(A + "queueFrames"), motion,
                c.duration(A + "fullPass"), device(c) == Inference.Device.CUDA ? PipelineSettings.Decoder.CUVID
                : PipelineSettings.Decoder.SOFTWARE, c.integer(A + "faceEvery")));
        String t = A + "tracker.";
        TrackerSettings tracker = checked(A + "tracker", () -> new TrackerSettings(c.number(t + "iouThreshold"),
                c.duration(t + "maxGap"), c.duration(t + "maxDuration"), c.integer(t + "minFrames"),
                c.integer(t + "snapshotMaxWidth"), c.integer(t + "jpegQuality"), c.number(t + "cropMargin")));
        return checked(A + "decodeThreads", () -> new Analytics.Settings(pipeline, tracker,
                threads(c.integer(A + "decodeThreads"), cores, "decodeThreads"),
                threads(c.integer(A + "detectThreads"), cores, "detectThreads"), c.duration(A + "refresh")));
    }

    private static int threads(int configured, int cores, String key) {
        if (configured < 0 || configured > 1024) {
            throw new IllegalArgumentException(key + " must be 0 (one per core) to 1024, got " + configured);
        }
        return configured == 0 ? cores : configured;
    }
}
