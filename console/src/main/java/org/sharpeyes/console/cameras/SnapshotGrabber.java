package org.sharpeyes.console.cameras;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.hub.Subscription;
import org.sharpeyes.gateway.rtsp.FrameDecoder;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The latest picture of a camera as JPEG: subscribes to its stream (the hub's GOP cache hands
 * over the last keyframe at once when the stream is already pulled), decodes the first frame,
 * and lets go. Decoding runs on two threads of its own, never on an event loop.
 */
public final class SnapshotGrabber {
    static final int MAX_WIDTH = 1280;

    private final StreamHubs hubs;
    private final ThreadPoolExecutor decoders = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "snapshot-decode");
        t.setDaemon(true);
        return t;
    });

    public SnapshotGrabber(StreamHubs hubs) {
        this.hubs = hubs;
        decoders.allowCoreThreadTimeOut(true); // previews are rare: no threads while nobody looks
    }

    /** Blocking: the JPEG, or an exception after {@code timeoutMs} without a picture. */
    public byte[] grab(StreamKey key, long timeoutMs) throws Exception {
        CompletableFuture<byte[]> jpeg = new CompletableFuture<>();
        FirstPicture first = new FirstPicture(jpeg);
        Subscription sub = hubs.subscribe(key, first, decoders);
        try {
            return jpeg.get(timeoutMs, TimeUnit.MILLISECONDS);
        } finally {
            sub.close();
            first.close();
        }
    }

    /**
     * Decodes until one picture came out; callbacks arrive one at a time on a decode thread. The
     * answer completes inside a decode call, so the grabbing thread closes while that call may
     * still run: the lock makes close wait for it (at most one packet) rather than free the
     * decoder under it.
     */
    private static final class FirstPicture implements Subscriber {
        private final CompletableFuture<byte[]> out;
        private FrameDecoder decoder;
        private boolean closed;

        FirstPicture(CompletableFuture<byte[]> out) {
            this.out = out;
        }

        @Override
        public synchronized void onStream(StreamInfo info) {
            freeDecoder();
            if (!closed && !out.isDone()) {
                decoder = new FrameDecoder(info);
            }
        }

        @Override
        public synchronized void onPacket(Packet packet) {
            if (decoder == null || out.isDone()) {
                return;
            }
            try {
                decoder.decode(packet, (bgr, pts) -> out.complete(encode(bgr)));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        }

        synchronized void close() {
            closed = true;
            freeDecoder();
        }

        private void freeDecoder() {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        }

        private static byte[] encode(Mat bgr) {
            try (BytePointer buf = new BytePointer(); Mat small = new Mat()) {
                Mat src = bgr;
                if (bgr.cols() > MAX_WIDTH) {
                    resize(bgr, small, new Size(MAX_WIDTH, (int) Math.round(bgr.rows() * (double) MAX_WIDTH / bgr.cols())), 0, 0, INTER_AREA);
                    src = small;
                }
                imencode(".jpg", src, buf);
                byte[] jpeg = new byte[(int) buf.limit()];
                buf.get(jpeg);
                return jpeg;
            }
        }
    }
}
