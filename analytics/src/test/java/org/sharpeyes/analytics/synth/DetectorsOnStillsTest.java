package org.sharpeyes.analytics.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.face.FaceDetector;
import org.sharpeyes.analytics.face.FaceModel;
import org.sharpeyes.analytics.plate.OcrModels;
import org.sharpeyes.analytics.plate.PlateRead;
import org.sharpeyes.analytics.plate.PlateReader;

/**
 * A sanity check of the generated data, not an accuracy claim (that is AccuracyBench's): on
 * unblurred stills the reader reads most plates of 120 px or more, and the face detector finds
 * most faces of 24 px or more that are in full view.
 */
class DetectorsOnStillsTest {
    private static final int STILLS = 8;
    private static Astronaut astronaut;
    private static OcrModels ocr;
    private static FaceModel faceModel;

    @BeforeAll
    static void load() {
        astronaut = Astronaut.load();
        ocr = OcrModels.load(2);
        faceModel = FaceModel.load(FaceModel.defaultDirectory(), FaceModel.Variant.BACK_256, 2);
    }

    @AfterAll
    static void close() {
        faceModel.close();
        ocr.close();
        astronaut.close();
    }

    @Test
    void theDetectorsReadMostLargePlatesAndFindMostFacesInFullView() {
        try (PlateReader reader = new PlateReader(ocr, PlateReader.Settings.DEFAULTS);
             FaceDetector detector = new FaceDetector(faceModel, FaceDetector.Settings.DEFAULTS)) {
            check(reader, detector);
        }
    }

    private static void check(PlateReader reader, FaceDetector detector) {
        int plates = 0;
        int read = 0;
        int faces = 0;
        int found = 0;
        List<String> misses = new ArrayList<>();
        for (int i = 0, used = 0; used < STILLS; i++) {
            try (StreetScene scene = StreetScene.still(1920, 1080, 4242 + i, i, astronaut)) {
                StreetScene.Frame f = scene.render(0, i);
                if (f.look().blur() != Look.Blur.NONE) {
                    continue;
                }
                used++;
                List<PlateRead> reads = reader.read(f.image());
                for (GroundTruth.Plate p : f.plates()) {
                    if (!p.partial() && p.box().width() >= 120) {
                        plates++;
                        boolean ok = reads.stream().anyMatch(r -> r.text().equals(p.text()) && r.box().iou(p.box()) > 0);
                        read += ok ? 1 : 0;
                        if (!ok) {
                            misses.add(p.text() + " " + p.box() + " read " + reads);
                        }
                    }
                }
                List<Face> detected = detector.detect(f.image());
                for (GroundTruth.Face x : f.faces()) {
                    if (!x.partial() && x.box().width() >= 24) {
                        faces++;
                        boolean ok = detected.stream().anyMatch(d -> d.box().iou(x.box()) >= 0.4);
                        found += ok ? 1 : 0;
                        if (!ok) {
                            misses.add("face " + x.box() + " found " + detected.stream().map(Face::box).toList());
                        }
                    }
                }
            }
        }
        System.out.printf("generated stills: plates >= 120 px read %d/%d, faces >= 24 px found %d/%d; misses %s%n", read, plates,
                found, faces, misses);
        assertThat(plates).isGreaterThanOrEqualTo(5);
        assertThat(faces).isGreaterThanOrEqualTo(8);
        assertThat((double) read / plates).as("plates read; misses %s", misses).isGreaterThanOrEqualTo(0.8);
        assertThat((double) found / faces).as("faces found; misses %s", misses).isGreaterThanOrEqualTo(0.8);
    }
}
