package org.sharpeyes.gateway.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Picture-quality diagnosis of sampled decoded frames, per camera. Keeps, per camera, only the
 * previous thumbnail and how long the picture has been unchanged (for FROZEN). Safe to call from
 * several threads; calls for one camera are serialised.
 *
 * <p>SIGNAL_LOSS hides every other fault of the same frame: with no picture, "too dark" or
 * "frozen" would only repeat it.
 */
public final class QualityDiagnosis {
    private final QualityThresholds thresholds;
    private final Map<UUID, Still> history = new ConcurrentHashMap<>();

    public QualityDiagnosis(QualityThresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * @param bgr a decoded frame, 8-bit BGR (CV_8UC3); not modified or kept
     * @param at  when the frame was captured; samples of one camera must come in time order
     */
    public QualityReport diagnose(UUID cameraId, Mat bgr, Instant at) {
        FrameMeasures m = FrameMeasures.of(bgr);
        Still still = history.computeIfAbsent(cameraId, id -> new Still());
        double frozenSeconds;
        int frozenSamples;
        synchronized (still) {
            still.update(m.thumbnail(), at, thresholds.frozenMaxChange());
            frozenSeconds = Duration.between(still.since, at).toMillis() / 1000.0;
            frozenSamples = still.samples;
        }

        Map<Fault, Double> scores = new EnumMap<>(Fault.class);
        scores.put(Fault.SIGNAL_LOSS, m.signalLoss());
        scores.put(Fault.FROZEN, frozenSeconds);
        scores.put(Fault.BLUR, m.blurEdgeWidth());
        scores.put(Fault.OCCLUSION, m.occlusion());
        scores.put(Fault.COLOUR_CAST, m.colourCast());
        scores.put(Fault.TOO_DARK, m.meanLuma());
        scores.put(Fault.TOO_BRIGHT, m.meanLuma());
        scores.put(Fault.NOISE, m.noiseSigma());

        QualityThresholds t = thresholds;
        List<QualityReport.Finding> faults = new ArrayList<>();
        if (m.signalLoss() >= t.signalLoss()) {
            faults.add(new QualityReport.Finding(Fault.SIGNAL_LOSS, m.signalLoss(), t.signalLoss(), fmt(
                    "no picture: uniform frame or colour bars (flatness %.2f >= %.2f, mean luma %.0f)",
                    m.signalLoss(), t.signalLoss(), m.meanLuma())));
            return new QualityReport(at, scores, faults);
        }
        double frozenFor = t.frozenFor().toMillis() / 1000.0;
        if (frozenSeconds >= frozenFor && frozenSamples >= t.frozenMinSamples()) {
            faults.add(new QualityReport.Finding(Fault.FROZEN, frozenSeconds, frozenFor, fmt(
                    "picture unchanged for %.0f s over %d samples (limit %.0f s)", frozenSeconds, frozenSamples, frozenFor)));
        }
        if (m.blurEdgeWidth() >= t.blurEdgeWidth()) {
            faults.add(new QualityReport.Finding(Fault.BLUR, m.blurEdgeWidth(), t.blurEdgeWidth(), fmt(
                    "out of focus: edge width %.1f px >= %.1f px", m.blurEdgeWidth(), t.blurEdgeWidth())));
        }
        if (m.occlusion() >= t.occlusion()) {
            faults.add(new QualityReport.Finding(Fault.OCCLUSION, m.occlusion(), t.occlusion(), fmt(
                    "occluded: %.0f%% of the frame has no texture (limit %.0f%%)", m.occlusion() * 100, t.occlusion() * 100)));
        }
        if (m.colourCast() >= t.colourCast()) {
            faults.add(new QualityReport.Finding(Fault.COLOUR_CAST, m.colourCast(), t.colourCast(), fmt(
                    "colour cast: factor %.1f >= %.1f", m.colourCast(), t.colourCast())));
        }
        if (m.meanLuma() < t.tooDark()) {
            faults.add(new QualityReport.Finding(Fault.TOO_DARK, m.meanLuma(), t.tooDark(), fmt(
                    "too dark: mean luma %.0f < %.0f", m.meanLuma(), t.tooDark())));
        }
        if (m.meanLuma() > t.tooBright()) {
            faults.add(new QualityReport.Finding(Fault.TOO_BRIGHT, m.meanLuma(), t.tooBright(), fmt(
                    "too bright: mean luma %.0f > %.0f", m.meanLuma(), t.tooBright())));
        }
        if (m.noiseSigma() >= t.noiseSigma()) {
            faults.add(new QualityReport.Finding(Fault.NOISE, m.noiseSigma(), t.noiseSigma(), fmt(
                    "noisy: noise sigma %.1f >= %.1f", m.noiseSigma(), t.noiseSigma())));
        }
        return new QualityReport(at, scores, faults);
    }

    /** Drops the camera's history, e.g. when its stream stops. */
    public void forget(UUID cameraId) {
        history.remove(cameraId);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** How long one camera's picture has been unchanged. */
    private static final class Still {
        private byte[] previous;
        private Instant since;
        private int samples;

        void update(byte[] thumb, Instant at, double maxChange) {
            if (previous != null && previous.length == thumb.length && meanAbsDiff(previous, thumb) < maxChange) {
                samples++;
            } else {
                since = at;
                samples = 1;
            }
            previous = thumb;
        }

        private static double meanAbsDiff(byte[] a, byte[] b) {
            long sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            }
            return sum / (double) a.length;
        }
    }
}
