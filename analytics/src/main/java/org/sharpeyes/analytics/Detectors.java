package org.sharpeyes.analytics;

import java.nio.file.Path;
import java.util.Objects;
import org.sharpeyes.analytics.face.FaceDetector;
import org.sharpeyes.analytics.face.FaceModel;
import org.sharpeyes.analytics.onnx.Batcher;
import org.sharpeyes.analytics.onnx.Inference;
import org.sharpeyes.analytics.plate.OcrModels;
import org.sharpeyes.analytics.plate.PlateReader;

/**
 * The process's models, loaded once, and the thread-safe detectors built on them; every camera
 * pipeline and command shares one instance. Closing it frees the detectors' workspaces, then the
 * models.
 */
public final class Detectors implements AutoCloseable {
    /**
     * @param faceModels the BlazeFace package's ONNX folder, verified by checksum at load
     */
    public record Settings(Inference inference, Path faceModels, FaceModel.Variant faceVariant,
                           PlateReader.Settings plate, FaceDetector.Settings face) {
        public Settings {
            Objects.requireNonNull(inference, "inference");
            Objects.requireNonNull(faceModels, "faceModels");
            Objects.requireNonNull(faceVariant, "faceVariant");
            Objects.requireNonNull(plate, "plate");
            Objects.requireNonNull(face, "face");
        }

        /** A camera node's. */
        public static Settings defaults(Inference inference) {
            return new Settings(inference, FaceModel.defaultDirectory(), FaceModel.Variant.BACK_256,
                    PlateReader.Settings.DEFAULTS, FaceDetector.Settings.DEFAULTS);
        }

        /** For single pictures ({@link Still}). */
        public static Settings stills(Inference inference) {
            return new Settings(inference, FaceModel.defaultDirectory(), FaceModel.Variant.BACK_256,
                    PlateReader.Settings.STILLS, FaceDetector.Settings.STILLS);
        }

        /** These settings with another face operating point. */
        public Settings withFace(FaceDetector.Settings face) {
            return new Settings(inference, faceModels, faceVariant, plate, face);
        }
    }

    /** Model runs so far and the inputs they held, per model: inputs / runs is the mean cross-camera batch. */
    public record Runs(Batcher.Stats faces, Batcher.Stats textDetection, Batcher.Stats textRecognition) {
    }

    private final OcrModels ocr;
    private final FaceModel faceModel;
    private final PlateReader plates;
    private final FaceDetector faces;

    private Detectors(OcrModels ocr, FaceModel faceModel, Settings settings) {
        this.ocr = ocr;
        this.faceModel = faceModel;
        this.plates = new PlateReader(ocr, settings.plate());
        this.faces = new FaceDetector(faceModel, settings.face());
    }

    public static Detectors load(Settings settings) {
        OcrModels ocr = OcrModels.load(settings.inference());
        try {
            return new Detectors(ocr, FaceModel.load(settings.faceModels(), settings.faceVariant(), settings.inference()),
                    settings);
        } catch (RuntimeException e) {
            ocr.close();
            throw e;
        }
    }

    public PlateReader plates() {
        return plates;
    }

    public FaceDetector faces() {
        return faces;
    }

    public Runs runs() {
        return new Runs(faceModel.runs(), ocr.detectorRuns(), ocr.recognizerRuns());
    }

    @Override
    public void close() {
        try {
            plates.close();
            faces.close();
        } finally {
            try {
                ocr.close();
            } finally {
                faceModel.close();
            }
        }
    }
}
