package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.synth.Astronaut;
import org.sharpeyes.common.Box;

class FaceQualityTest {
    private static FaceModel model;
    private static FaceDetector detector;

    @BeforeAll
    static void load() {
        model = FaceModel.load(FaceModel.defaultDirectory(), FaceModel.Variant.BACK_256, 2);
        detector = new FaceDetector(model, FaceDetector.Settings.DEFAULTS);
    }

    @AfterAll
    static void close() {
        detector.close();
        model.close();
    }

    @Test
    void theSharpFrontalCropScoresAboveABlurredAndARotatedCopy() {
        try (PointerScope scope = new PointerScope(); Astronaut astronaut = Astronaut.load()) {
            Mat sharp = astronaut.image();
            Mat blurred = new Mat();
            GaussianBlur(sharp, blurred, new Size(0, 0), 3);
            Mat rotated = new Mat();
            Point2f centre = new Point2f(227, 135);
            warpAffine(sharp, rotated, getRotationMatrix2D(centre, 30, 1), sharp.size());

            Face sharpFace = only(sharp);
            Face blurredFace = only(blurred);
            Face rotatedFace = only(rotated);
            double q = FaceQuality.score(sharp, sharpFace);
            double qBlurred = FaceQuality.score(blurred, blurredFace);
            double qRotated = FaceQuality.score(rotated, rotatedFace);
            System.out.printf("face quality sharp=%.3f blurred=%.3f rotated=%.3f%n", q, qBlurred, qRotated);

            assertThat(q).isBetween(0.0, 1.0).isGreaterThan(qBlurred).isGreaterThan(qRotated);
            assertThat(FaceQuality.sharpness(sharp, sharpFace.box())).isGreaterThan(FaceQuality.sharpness(blurred, blurredFace.box()));
            assertThat(FaceQuality.frontal(sharpFace)).isGreaterThan(0.7).isGreaterThan(FaceQuality.frontal(rotatedFace));
        }
    }

    @Test
    void sizeCountsFromSixteenPixelsAndSaturatesAt128() {
        assertThat(FaceQuality.size(new Box(0, 0, 16, 16))).isZero();
        assertThat(FaceQuality.size(new Box(0, 0, 32, 40))).isCloseTo(1 / 3.0, offset(1e-9));
        assertThat(FaceQuality.size(new Box(0, 0, 128, 128))).isEqualTo(1);
        assertThat(FaceQuality.size(new Box(0, 0, 400, 300))).isEqualTo(1);
    }

    private static Face only(Mat image) {
        List<Face> faces = detector.detect(image);
        assertThat(faces).hasSize(1);
        return faces.get(0);
    }
}
