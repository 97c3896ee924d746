package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class TextRecognizerTest {
    /**
     * The output tensor is pinned with width/8 steps before the run; the network must give exactly
     * that many for every padded batch width, or the run fails.
     */
    @Test
    void everyPaddedBatchWidthGivesOneStepPerEightColumns() {
        try (OcrModels models = OcrModels.load(1); PlateWorkspace workspace = new PlateWorkspace()) {
            TextRecognizer recognizer = new TextRecognizer(models);
            for (int w = 1; w <= TextRecognizer.MAX_WIDTH; w += TextRecognizer.STRIDE) {
                try (Mat blank = new Mat(TextRecognizer.HEIGHT, w, CV_8UC3, new Scalar(255, 255, 255, 0))) {
                    assertThat(recognizer.recognize(List.of(blank, blank), workspace)).as("width %d", w).hasSize(2);
                }
            }
        }
    }
}
