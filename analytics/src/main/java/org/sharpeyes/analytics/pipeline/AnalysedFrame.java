package org.sharpeyes.analytics.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.plate.PlateRead;

/**
 * What the detectors found in one analysed frame of one camera.
 *
 * @param bgr    the full decoded frame; borrowed from the pipeline's pool, valid only during
 *               {@link FrameSink#onFrame}: copy or encode what you keep
 * @param motion true when the frame had motion (or was a periodic full pass), so empty lists
 *               mean "looked and found nothing"; false means the detectors did not run
 */
public record AnalysedFrame(UUID cameraId, long seq, Instant time, Mat bgr, boolean motion, List<PlateRead> plates,
                            List<Face> faces) {
    public AnalysedFrame {
        plates = List.copyOf(plates);
        faces = List.copyOf(faces);
    }
}
