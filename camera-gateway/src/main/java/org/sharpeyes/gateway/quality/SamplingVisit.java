package org.sharpeyes.gateway.quality;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.hub.Subscription;
import org.sharpeyes.gateway.rtsp.FrameDecoder;

/**
 * One sampling visit of one camera: decodes from the first keyframe on and diagnoses two frames
 * {@code frameGap} apart, then ends. Ends exactly once, by itself, by timeout or by close; ending
 * unsubscribes and frees the decoder. The lock keeps an end from another thread from freeing the
 * decoder while a packet is being decoded (at most one packet's decode time).
 */
final class SamplingVisit implements Subscriber {
    /** How a visit ended; {@code report} is the latest diagnosis, null when no frame was decoded. */
    record Outcome(UUID cameraId, QualityReport report, String reason) {
    }

    private final UUID cameraId;
    private final QualityDiagnosis diagnosis;
    private final long frameGapNanos;
    private final Consumer<Outcome> onEnd;
    private Subscription subscription;
    private FrameDecoder decoder;
    private QualityReport report;
    private long firstFrameNanos;
    private int frames;
    private boolean ended;

    SamplingVisit(UUID cameraId, QualityDiagnosis diagnosis, long frameGapNanos, Consumer<Outcome> onEnd) {
        this.cameraId = cameraId;
        this.diagnosis = diagnosis;
        this.frameGapNanos = frameGapNanos;
        this.onEnd = onEnd;
    }

    UUID cameraId() {
        return cameraId;
    }

    synchronized void attach(Subscription s) {
        if (ended) {
            s.close();
        } else {
            subscription = s;
        }
    }

    @Override
    public void onStream(StreamInfo info) {
        synchronized (this) {
            if (ended) {
                return;
            }
            closeDecoder(); // a reconnect: the camera may have been reconfigured
            try {
                decoder = new FrameDecoder(info);
                return;
            } catch (IllegalArgumentException e) {
                // falls through to end, outside the lock
            }
        }
        end("no decoder for codec " + info.codec());
    }

    @Override
    public void onPacket(Packet p) {
        synchronized (this) {
            if (ended || decoder == null) {
                return;
            }
            decoder.decode(p, (bgr, pts) -> sample(bgr, p.receivedNanos()));
            if (frames < 2) {
                return;
            }
        }
        end("sampled"); // after decode returned: a decoder is never freed inside its own callback
    }

    private void sample(Mat bgr, long receivedNanos) {
        if (frames == 0 || (frames == 1 && receivedNanos - firstFrameNanos >= frameGapNanos)) {
            // Capture time ~ receive time; GOP-cached packets keep their original receive time.
            Instant at = Instant.now().minusNanos(System.nanoTime() - receivedNanos);
            report = diagnosis.diagnose(cameraId, bgr, at);
            if (frames++ == 0) {
                firstFrameNanos = receivedNanos;
            }
        }
    }

    /**
     * Ends the visit (no-op when already ended); the outcome goes to {@code onEnd} on the calling
     * thread, outside the lock.
     */
    void end(String reason) {
        Outcome o;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            if (subscription != null) {
                subscription.close();
            }
            closeDecoder();
            o = new Outcome(cameraId, report, reason);
        }
        onEnd.accept(o);
    }

    private void closeDecoder() {
        if (decoder != null) {
            decoder.close();
            decoder = null;
        }
    }
}
