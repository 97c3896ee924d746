package org.sharpeyes.gateway.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QualityDiagnosisTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private final QualityDiagnosis diagnosis = new QualityDiagnosis(QualityThresholds.DEFAULTS);
    private PointerScope scope;

    @BeforeEach
    void openScope() {
        scope = new PointerScope();
    }

    @AfterEach
    void freeFrames() {
        scope.close();
    }

    private Set<Fault> faultsOf(Mat frame) {
        QualityReport report = diagnosis.diagnose(UUID.randomUUID(), frame, T0);
        assertThat(report.scores()).containsOnlyKeys(Fault.values());
        report.faults().forEach(f -> assertThat(f.reason()).isNotBlank());
        return report.faultSet();
    }

    @Test
    void cleanScenesHaveNoFault() {
        for (long seed = 1; seed <= 6; seed++) {
            QualityReport report = diagnosis.diagnose(UUID.randomUUID(), Scenes.clean(seed), T0);
            assertThat(report.faults()).as("seed %d", seed).isEmpty();
            assertThat(report.ok()).isTrue();
        }
    }

    @Test
    void blackFrameIsSignalLossAndNothingElse() {
        QualityReport report = diagnosis.diagnose(UUID.randomUUID(), Scenes.uniform(0, 0, 0), T0);
        assertThat(report.faultSet()).containsExactly(Fault.SIGNAL_LOSS);
        assertThat(report.faults().get(0).reason()).contains("no picture");
        // Darkness is still measured, only not reported on top of the signal loss.
        assertThat(report.scores().get(Fault.TOO_DARK)).isZero();
    }

    @Test
    void blueScreenAndColourBarsAreSignalLoss() {
        assertThat(faultsOf(Scenes.uniform(200, 60, 0))).containsExactly(Fault.SIGNAL_LOSS);
        assertThat(faultsOf(Scenes.colourBars())).containsExactly(Fault.SIGNAL_LOSS);
    }

    @Test
    void defocusedSceneIsBlur() {
        assertThat(faultsOf(Scenes.blurred(Scenes.clean(1), 4))).containsExactly(Fault.BLUR);
        assertThat(faultsOf(Scenes.blurred(Scenes.clean(1), 0.8))).isEmpty();
    }

    @Test
    void sceneCoveredOverSixtyPercentIsOcclusion() {
        assertThat(faultsOf(Scenes.covered(Scenes.clean(2), 0.6))).containsExactly(Fault.OCCLUSION);
        assertThat(faultsOf(Scenes.covered(Scenes.clean(2), 0.1))).isEmpty();
    }

    @Test
    void tintedScenesAreColourCast() {
        assertThat(faultsOf(Scenes.adjusted(Scenes.clean(3), 0.6, 0.9, 1.4, 0))).containsExactly(Fault.COLOUR_CAST);
        assertThat(faultsOf(Scenes.adjusted(Scenes.clean(3), 1.3, 1.0, 0.6, 0))).containsExactly(Fault.COLOUR_CAST);
    }

    @Test
    void darkenedSceneIsTooDark() {
        assertThat(faultsOf(Scenes.adjusted(Scenes.clean(4), 0.25, 0.25, 0.25, 0))).containsExactly(Fault.TOO_DARK);
    }

    @Test
    void overexposedSceneIsTooBright() {
        assertThat(faultsOf(Scenes.adjusted(Scenes.clean(4), 1.2, 1.2, 1.2, 80))).containsExactly(Fault.TOO_BRIGHT);
    }

    @Test
    void grainySceneIsNoise() {
        assertThat(faultsOf(Scenes.noisy(Scenes.clean(5), 12, 7))).containsExactly(Fault.NOISE);
        assertThat(faultsOf(Scenes.noisy(Scenes.clean(5), 2, 7))).isEmpty();
    }

    @Test
    void repeatedFrameIsFrozenOnceUnchangedLongEnough() {
        UUID camera = UUID.randomUUID();
        Mat still = Scenes.clean(6);
        assertThat(diagnosis.diagnose(camera, still, T0).faultSet()).isEmpty();
        assertThat(diagnosis.diagnose(camera, still, T0.plusSeconds(10)).faultSet()).isEmpty();
        QualityReport frozen = diagnosis.diagnose(camera, still, T0.plusSeconds(20));
        assertThat(frozen.faultSet()).containsExactly(Fault.FROZEN);
        assertThat(frozen.scores().get(Fault.FROZEN)).isEqualTo(20.0);
        assertThat(frozen.faults().get(0).reason()).contains("unchanged for 20 s over 3 samples");

        // The picture moves again: the fault clears at once.
        assertThat(diagnosis.diagnose(camera, Scenes.clean(7), T0.plusSeconds(30)).faultSet()).isEmpty();
        // Another camera showing the same still picture has its own history.
        assertThat(diagnosis.diagnose(UUID.randomUUID(), still, T0.plusSeconds(30)).faultSet()).isEmpty();
    }

    @Test
    void staticSceneWithSensorNoiseIsNotFrozen() {
        UUID camera = UUID.randomUUID();
        Mat scene = Scenes.clean(6);
        for (int i = 0; i < 6; i++) {
            QualityReport r = diagnosis.diagnose(camera, Scenes.noisy(scene, 1.5, i), T0.plusSeconds(10L * i));
            assertThat(r.faultSet()).as("sample %d", i).isEmpty();
        }
    }

    @Test
    void thresholdsComeFromConfiguration() {
        Mat blurred = Scenes.blurred(Scenes.clean(1), 4);
        double width = diagnosis.diagnose(UUID.randomUUID(), blurred, T0).scores().get(Fault.BLUR);
        assertThat(width).isGreaterThan(QualityThresholds.DEFAULTS.blurEdgeWidth()).isLessThan(10);
        QualityThresholds lenient = new QualityThresholds(0.85, Duration.ofSeconds(20), 3, 0.3, width + 0.1, 0.4, 1.3, 40, 210, 5);
        assertThat(new QualityDiagnosis(lenient).diagnose(UUID.randomUUID(), blurred, T0).faultSet()).isEmpty();
    }

    @Test
    void largeFramesAreMeasuredOnAWorkingCopy() {
        Mat big = new Mat();
        org.bytedeco.opencv.global.opencv_imgproc.resize(Scenes.clean(1), big, new org.bytedeco.opencv.opencv_core.Size(1920, 1080),
                0, 0, org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST);
        assertThat(faultsOf(big)).isEmpty();
        assertThat(faultsOf(Scenes.adjusted(big, 0.25, 0.25, 0.25, 0))).containsExactly(Fault.TOO_DARK);
    }

    @Test
    void rejectsFramesThatAreNotBgr() {
        assertThatThrownBy(() -> diagnosis.diagnose(UUID.randomUUID(), new Mat(), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> diagnosis.diagnose(UUID.randomUUID(), new Mat(10, 10, opencv_core.CV_8UC1), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CV_8UC3");
    }

    @Test
    void rejectsInconsistentThresholds() {
        assertThatThrownBy(() -> new QualityThresholds(0.85, Duration.ofSeconds(20), 3, 0.3, 1.2, 0.4, 1.3, 220, 210, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tooDark");
        assertThatThrownBy(() -> new QualityThresholds(1.5, Duration.ofSeconds(20), 3, 0.3, 1.2, 0.4, 1.3, 40, 210, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signalLoss");
    }
}
