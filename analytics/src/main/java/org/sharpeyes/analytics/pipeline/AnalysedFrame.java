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
 * @param bgr        the full decoded frame; borrowed from the pipeline's pool, valid only during
 *                   {@link FrameSink#onFrame}: copy or encode what you keep
 * @param keptTracks {@link FrameSink#settledPlates} seen again in this frame (a plate-shaped
 *                   window where each was expected) and not read
 * @param motion     whether something moved in the frame; false when only the periodic full pass
 *                   looked at it, so what it found may be standing still (a parked car)
 */
public record AnalysedFrame(UUID cameraId, long seq, Instant time, Mat bgr, List<PlateRead> plates, List<Face> faces,
                            List<Long> keptTracks, boolean motion) {
    public AnalysedFrame {
        plates = List.copyOf(plates);
        faces = List.copyOf(faces);
        keptTracks = List.copyOf(keptTracks);
    }

    /** A frame with motion where no settled plate was kept. */
    public AnalysedFrame(UUID cameraId, long seq, Instant time, Mat bgr, List<PlateRead> plates, List<Face> faces) {
        this(cameraId, seq, time, bgr, plates, faces, List.of(), true);
    }
}
