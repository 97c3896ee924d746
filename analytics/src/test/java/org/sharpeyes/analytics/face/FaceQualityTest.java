package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
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
        try (PointerScope scope = new PointerScope(); Astronaut astronaut = Astronaut.load();
             FaceQuality quality = new FaceQuality()) {
            Mat sharp = astronaut.image();
            Mat blurred = new Mat();
            GaussianBlur(sharp, blurred, new Size(0, 0), 3);
            Mat rotated = new Mat();
            Point2f centre = new Point2f(227, 135);
            warpAffine(sharp, rotated, getRotationMatrix2D(centre, 30, 1), sharp.size());

            Face sharpFace = only(sharp);
            Face blurredFace = only(blurred);
            Face rotatedFace = only(rotated);
            double q = quality.score(sharp, sharpFace);
            double qBlurred = quality.score(blurred, blurredFace);
            double qRotated = quality.score(rotated, rotatedFace);
            System.out.printf("face quality sharp=%.3f blurred=%.3f rotated=%.3f%n", q, qBlurred, qRotated);

            assertThat(q).isBetween(0.0, 1.0).isGreaterThan(qBlurred).isGreaterThan(qRotated);
            assertThat(quality.sharpness(sharp, sharpFace.box())).isGreaterThan(quality.sharpness(blurred, blurredFace.box()));
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

    @Test
    void theLaplacianVarianceIsOpenCvsOnRandomFlatAndStripedImages() {
        Random rnd = new Random(5);
        int n = 64;
        for (int round = 0; round < 30; round++) {
            try (PointerScope scope = new PointerScope()) {
                Mat image = new Mat(n, n, CV_8UC1);
                ByteBuffer pixels = image.data().capacity((long) n * n).asByteBuffer();
                int kind = round % 3;
                int base = rnd.nextInt(256);
                for (int i = 0; i < n * n; i++) {
                    int v = kind == 0 ? rnd.nextInt(256) : kind == 1 ? base : (i % n) % 2 * 255;
                    pixels.put(i, (byte) v);
                }
                Mat lap = new Mat();
                Laplacian(image, lap, CV_64F);
                Mat mean = new Mat();
                Mat std = new Mat();
                meanStdDev(lap, mean, std);
                double sd;
                try (DoubleIndexer values = std.createIndexer()) {
                    sd = values.get(0);
                }
                assertThat(FaceQuality.laplacianVariance(pixels, n)).as("round %d", round)
                        .isCloseTo(sd * sd, offset(1e-6 * (1 + sd * sd)));
            }
        }
    }

    private static Face only(Mat image) {
        List<Face> faces = detector.detect(image);
        assertThat(faces).hasSize(1);
        return faces.get(0);
    }
}
