package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

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
}
