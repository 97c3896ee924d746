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
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.BytePointer;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;

/**
 * Decodes hub packets with FFmpeg (software, one thread) and hands out the luma plane of each
 * frame (scaled to 8 bits). Planar YUV only, which is what H.264/H.265 cameras send. Not thread-safe.
 */
public final class FrameDecoder implements AutoCloseable {
    private final AVCodecContext ctx;
    private final AVPacket pkt = av_packet_alloc();
    private final AVFrame frame = av_frame_alloc();

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

    /** Decodes one packet; {@code out} receives the frames it completes (zero or more). */
    public void decode(Packet p, Consumer<GrayFrame> out) {
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
                out.accept(luma(frame));
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    private static GrayFrame luma(AVFrame f) {
        AVPixFmtDescriptor fmt = av_pix_fmt_desc_get(f.format());
        if (fmt == null || (fmt.flags() & AV_PIX_FMT_FLAG_RGB) != 0 || fmt.nb_components() < 1) {
            throw new IllegalStateException("not a YUV picture: pixel format " + f.format());
        }
        int depth = fmt.comp(0).depth(); // 8, or 10/12 for Main10 and the like (16-bit little-endian samples)
        int w = f.width();
        int h = f.height();
        int stride = f.linesize(0);
        byte[] y = new byte[w * h];
        BytePointer plane = f.data(0);
        if (depth <= 8) {
            for (int row = 0; row < h; row++) {
                plane.position((long) row * stride).get(y, row * w, w);
            }
        } else {
            byte[] line = new byte[2 * w];
            for (int row = 0; row < h; row++) {
                plane.position((long) row * stride).get(line, 0, line.length);
                for (int x = 0; x < w; x++) {
                    int v = (line[2 * x] & 0xFF) | (line[2 * x + 1] & 0xFF) << 8;
                    y[row * w + x] = (byte) (v >> (depth - 8));
                }
            }
        }
        return new GrayFrame(w, h, y, f.best_effort_timestamp());
    }

    @Override
    public void close() {
        if (ctx != null) {
            avcodec_free_context(ctx);
        }
        av_packet_free(pkt);
        av_frame_free(frame);
    }
}
