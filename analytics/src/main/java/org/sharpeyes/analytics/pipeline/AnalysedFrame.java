package org.sharpeyes.analytics.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.analytics.face.Face;
import org.sharpeyes.analytics.plate.PlateRead;

/**
 * What the detectors found in one frame of one camera they looked at (a frame with motion, or a
 * periodic full pass): empty lists mean "looked and found nothing". Frames nobody looked at are
 * not sent; time passing without them reaches the sink as {@link FrameSink#onIdle}.
 *
 * @param bgr the full decoded frame; borrowed from the pipeline's pool, valid only during
 *            {@link FrameSink#onFrame}: copy or encode what you keep
 */
public record AnalysedFrame(UUID cameraId, long seq, Instant time, Mat bgr, List<PlateRead> plates, List<Face> faces) {
    public AnalysedFrame {
        plates = List.copyOf(plates);
        faces = List.copyOf(faces);
    }
}
