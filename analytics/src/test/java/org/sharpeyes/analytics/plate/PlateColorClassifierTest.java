package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.onnx.Scratch;
import org.sharpeyes.common.PlateColor;

class PlateColorClassifierTest {
    /** A 40×120 crop of the background colour (OpenCV HSV) with 15% of it in dark glyph strokes. */
    private static PlateColor classify(int h, int s, int v) {
        return classify(h, s, v, 0);
    }

    /** The same with its {@code greyRows} bottom rows mid-grey (asphalt under a plate-sized text). */
    private static PlateColor classify(int h, int s, int v, int greyRows) {
        try (Mat hsv = new Mat(40, 120, CV_8UC3, new Scalar(h, s, v, 0));
             Scratch scratch = new Scratch(0);
             Mat bgr = new Mat()) {
            for (int x = 10; x < 110; x += 20) {
                try (Mat stroke = new Mat(hsv, new Rect(x, 8, 6, 24))) {
                    stroke.put(new Scalar(0, 0, 30, 0));
                }
            }
            if (greyRows > 0) {
                try (Mat grey = new Mat(hsv, new Rect(0, 40 - greyRows, 120, greyRows))) {
                    grey.put(new Scalar(0, 10, 110, 0));
                }
            }
            cvtColor(hsv, bgr, COLOR_HSV2BGR);
            return PlateColorClassifier.classify(bgr, scratch);
        }
    }

    @Test
    void eachPlateBackgroundInDaylightIsItsColour() {
        assertThat(classify(110, 200, 180)).isEqualTo(PlateColor.BLUE);
        assertThat(classify(25, 200, 200)).isEqualTo(PlateColor.YELLOW);
        assertThat(classify(60, 120, 200)).isEqualTo(PlateColor.GREEN);
        assertThat(classify(0, 10, 220)).isEqualTo(PlateColor.WHITE);
        assertThat(classify(0, 0, 20)).isEqualTo(PlateColor.BLACK);
    }

    @Test
    void aWhitePlateUnderWarmLightIsWhiteAndAYellowOneStaysYellow() {
        // as measured on the development stills at dusk: a police plate's background at hue up to
        // 18, saturation 52-78, value 156-182; a yellow plate's at saturation ~220
        assertThat(classify(10, 65, 160)).isEqualTo(PlateColor.WHITE);
        assertThat(classify(17, 65, 170)).isEqualTo(PlateColor.WHITE);
        assertThat(classify(10, 65, 160, 20)).as("pale orange on under half the crop").isEqualTo(PlateColor.UNKNOWN);
        assertThat(classify(22, 215, 120)).as("a yellow plate at dusk").isEqualTo(PlateColor.YELLOW);
    }

    @Test
    void greyAsphaltAndRedAreNoPlate() {
        assertThat(classify(0, 20, 110)).isEqualTo(PlateColor.UNKNOWN);
        assertThat(classify(0, 220, 200)).isEqualTo(PlateColor.UNKNOWN);
    }

    /** A 1280×720 frame of grey blocks (levels 40-220) with per-channel noise up to 5, as JPEG or H.264 leaves a grey picture. */
    private static Mat greyFrame() {
        Mat frame = new Mat(720, 1280, CV_8UC3, new Scalar(90, 90, 90, 0));
        for (int i = 0; i < 10; i++) {
            int level = 40 + 20 * i;
            try (Mat block = new Mat(frame, new Rect(120 * i, 60 * i % 600, 110, 120))) {
                block.put(new Scalar(level, level, level, 0));
            }
        }
        Random rnd = new Random(7);
        ByteBuffer pixels = frame.createBuffer();
        for (int i = 0; i < pixels.limit(); i++) {
            pixels.put(i, (byte) ((pixels.get(i) & 0xff) + rnd.nextInt(6)));
        }
        return frame;
    }

    private static boolean monochrome(Mat frame) {
        try (PlateWorkspace workspace = new PlateWorkspace()) {
            return PlateColorClassifier.monochrome(frame, workspace);
        }
    }

    @Test
    void anInfraredNightFrameIsMonochromeAndOneWithColouredThingsIsNot() {
        try (Mat frame = greyFrame()) {
            assertThat(monochrome(frame)).isTrue();
            // an on-screen logo in colour: 0.2% of the frame
            try (Mat logo = new Mat(frame, new Rect(1220, 20, 40, 40))) {
                logo.put(new Scalar(200, 40, 40, 0));
            }
            assertThat(monochrome(frame)).isTrue();
            // a blue car and a yellow plate: 3% of the frame
            try (Mat car = new Mat(frame, new Rect(400, 300, 200, 120));
                 Mat plate = new Mat(frame, new Rect(700, 500, 90, 30))) {
                car.put(new Scalar(160, 80, 40, 0));
                plate.put(new Scalar(30, 200, 230, 0));
            }
            assertThat(monochrome(frame)).isFalse();
        }
    }
}
