package org.sharpeyes.gateway.rtsp;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.function.ObjLongConsumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;

/**
 * Decodes hub packets with FFmpeg (software, one thread) into BGR pictures, the input of picture
 * diagnosis and analytics. One picture buffer is reused for every frame of the same size, so a
 * running decoder allocates nothing per frame: the Mat handed out is valid only inside the callback.
 * Not thread-safe.
 */
public final class FrameDecoder implements AutoCloseable {
    private final AVCodecContext ctx;
    private final AVPacket pkt = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(1);
    private final IntPointer dstStride = new IntPointer(1);
    private SwsContext sws;
    private Mat bgr;

    public FrameDecoder(StreamInfo info) {
        AVCodec codec = avcodec_find_decoder(info.codecId());
        if (codec == null) {
            close();
            throw new IllegalArgumentException("no decoder for codec " + info.codec());
        }
        ctx = avcodec_alloc_context3(codec);
        byte[] extra = info.extradata();
        if (extra.length > 0) {
            BytePointer p = new BytePointer(av_malloc(extra.length + AV_INPUT_BUFFER_PADDING_SIZE))
                    .capacity(extra.length + AV_INPUT_BUFFER_PADDING_SIZE);
            p.zero();
            p.put(extra);
            ctx.extradata(p);
            ctx.extradata_size(extra.length);
        }
        ctx.thread_count(1);
        if (avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
            close();
            throw new IllegalArgumentException("cannot open the " + info.codec() + " decoder");
        }
    }

    /** Decodes one packet; {@code out} receives each frame it completes (zero or more) with its pts. */
    public void decode(Packet p, ObjLongConsumer<Mat> out) {
        if (av_new_packet(pkt, p.size()) < 0) {
            throw new OutOfMemoryError("av_new_packet");
        }
        try {
            pkt.data().put(p.data());
            pkt.pts(p.pts());
            pkt.dts(p.dts());
            if (avcodec_send_packet(ctx, pkt) < 0) {
                return; // a corrupt packet: the decoder resumes at the next good one
            }
        } finally {
            av_packet_unref(pkt);
        }
        while (avcodec_receive_frame(ctx, frame) >= 0) {
            try {
                out.accept(toBgr(frame), frame.best_effort_timestamp());
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /** Any YUV layout and bit depth the camera sends (4:2:0, 4:4:4, 10/12-bit) to 8-bit BGR. */
    private Mat toBgr(AVFrame f) {
        int w = f.width();
        int h = f.height();
        sws = sws_getCachedContext(sws, w, h, f.format(), w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null) {
            throw new IllegalStateException("cannot convert pixel format " + f.format() + " to BGR");
        }
        if (bgr == null || bgr.cols() != w || bgr.rows() != h) {
            if (bgr != null) {
                bgr.close();
            }
            bgr = new Mat(h, w, CV_8UC3);
        }
        dstData.put(0, bgr.data());
        dstStride.put(0, (int) bgr.step());
        sws_scale(sws, f.data(), f.linesize(), 0, h, dstData, dstStride);
        return bgr;
    }

    @Override
    public void close() {
        if (ctx != null) {
            avcodec_free_context(ctx);
        }
        av_packet_free(pkt);
        av_frame_free(frame);
        if (sws != null) {
            sws_freeContext(sws);
        }
        if (bgr != null) {
            bgr.close();
        }
        dstData.close();
        dstStride.close();
    }
}
