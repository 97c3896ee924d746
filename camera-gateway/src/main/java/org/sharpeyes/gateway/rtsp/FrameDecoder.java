package org.sharpeyes.gateway.rtsp;

import static org.bytedeco.ffmpeg.global.avcodec.AV_INPUT_BUFFER_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONKEY;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.function.Consumer;
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
 * Decodes hub packets with FFmpeg (one thread; software, or a named decoder such as
 * {@code h264_cuvid}) into pictures. A {@link Picture} is a view of the decoder's current frame:
 * it converts into a caller's {@link Mat} (full-size BGR, or scaled-down grey), so a caller that
 * reuses its Mats and converts only the pictures it wants allocates nothing per frame.
 * Not thread-safe.
 */
public final class FrameDecoder implements AutoCloseable {
    /** Which frames the decoder may skip without breaking the ones after them. */
    public enum Skip {
        /** Decode everything. */
        NONE(AVDISCARD_DEFAULT),
        /** Skip frames no other frame references (B-frames, non-reference P-frames). */
        NON_REFERENCE(AVDISCARD_NONREF),
        /** Decode keyframes only. */
        NON_KEY(AVDISCARD_NONKEY);

        final int discard;

        Skip(int discard) {
            this.discard = discard;
        }
    }

    private final AVCodecContext ctx;
    private final AVPacket pkt = av_packet_alloc();
    private BytePointer payload = new BytePointer(64 * 1024);
    private final AVFrame frame = av_frame_alloc();
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(1);
    private final IntPointer dstStride = new IntPointer(1);
    private final Picture picture = new Picture();
    // the frame's plane pointers and strides sit in the AVFrame itself: the same addresses every frame
    private final PointerPointer<?> frameData = frame.data();
    private final IntPointer frameStrides = frame.linesize();
    private final Scaler bgrScaler = new Scaler(AV_PIX_FMT_BGR24, SWS_BILINEAR);
    private final Scaler greyScaler = new Scaler(AV_PIX_FMT_GRAY8, SWS_AREA);
    private Mat bgr;
    private Skip skip = Skip.NONE;

    /** FFmpeg's default (software) decoder for the stream's codec. */
    public FrameDecoder(StreamInfo info) {
        this(info, null);
    }

    /**
     * @param decoderName an FFmpeg decoder by name ({@code h264_cuvid}, {@code hevc_cuvid}, …), or
     *                    null for the codec's default
     * @throws IllegalArgumentException when there is no such decoder or it cannot open the stream
     */
    public FrameDecoder(StreamInfo info, String decoderName) {
        AVCodec codec = decoderName == null ? avcodec_find_decoder(info.codecId()) : avcodec_find_decoder_by_name(decoderName);
        if (codec == null) {
            close();
            throw new IllegalArgumentException(decoderName == null ? "no decoder for codec " + info.codec()
                    : "no FFmpeg decoder named " + decoderName);
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
        // one thread: a picture comes out of the packet that completes it, so skipping can be chosen per packet
        ctx.thread_count(1);
        if (avcodec_open2(ctx, codec, (AVDictionary) null) < 0) {
            close();
            throw new IllegalArgumentException("cannot open the " + (decoderName == null ? info.codec() : decoderName)
                    + " decoder");
        }
    }

    /** Applies from the next packet on; may change between packets. */
    public void skip(Skip skip) {
        if (skip != this.skip) {
            ctx.skip_frame(skip.discard);
            this.skip = skip;
        }
    }

    /** Decodes one packet; {@code out} sees each picture it completes (zero or more), valid only during the call. */
    public void decode(Packet p, Consumer<Picture> out) {
        if (payload.capacity() < p.size()) {
            payload.close();
            payload = new BytePointer(Math.max(p.size(), payload.capacity() + payload.capacity() / 2));
        }
        // a packet without a buffer of its own: the decoder copies it (padded) when it takes it, and no
        // pointer object is made per packet as pkt.data() would
        payload.put(p.data(), 0, p.size());
        try {
            pkt.data(payload).size(p.size());
            pkt.pts(p.pts());
            pkt.dts(p.dts());
            if (avcodec_send_packet(ctx, pkt) < 0) {
                return; // a corrupt or skipped packet: the decoder resumes at the next good one
            }
        } finally {
            av_packet_unref(pkt);
        }
        while (avcodec_receive_frame(ctx, frame) >= 0) {
            try {
                out.accept(picture);
            } finally {
                av_frame_unref(frame);
            }
        }
    }

    /** Decodes one packet into BGR; the Mat is the decoder's own, reused for every frame and valid only during the call. */
    public void decode(Packet p, ObjLongConsumer<Mat> out) {
        decode(p, pic -> {
            if (bgr == null || bgr.cols() != pic.width() || bgr.rows() != pic.height()) {
                if (bgr != null) {
                    bgr.close();
                }
                bgr = new Mat(pic.height(), pic.width(), CV_8UC3);
            }
            pic.toBgr(bgr);
            out.accept(bgr, pic.pts());
        });
    }

    /** The decoder's current frame. */
    public final class Picture {
        private Picture() {
        }

        public int width() {
            return frame.width();
        }

        public int height() {
            return frame.height();
        }

        /** Presentation time in {@link Packet#TIME_BASE} units (best effort, as FFmpeg guesses it). */
        public long pts() {
            return frame.best_effort_timestamp();
        }

        /** Any YUV layout and bit depth the camera sends (4:2:0, 4:4:4, NV12, 10/12-bit) to 8-bit BGR, full size. */
        public void toBgr(Mat dst) {
            require(dst, height(), width(), CV_8UC3);
            bgrScaler.scale(dst);
        }

        /** Luma scaled down (area average) to the size of {@code dst}, an 8-bit single-channel Mat. */
        public void toGrey(Mat dst) {
            require(dst, dst.rows(), dst.cols(), CV_8UC1);
            greyScaler.scale(dst);
        }

        private static void require(Mat dst, int rows, int cols, int type) {
            if (dst.rows() != rows || dst.cols() != cols || dst.type() != type || rows == 0 || cols == 0) {
                throw new IllegalArgumentException("destination must be a " + cols + "x" + rows + " Mat of type " + type
                        + ", got " + dst.cols() + "x" + dst.rows() + " type " + dst.type());
            }
        }
    }

    @Override
    public void close() {
        if (ctx != null) {
            avcodec_free_context(ctx);
        }
        av_packet_free(pkt);
        payload.close();
        av_frame_free(frame);
        bgrScaler.close();
        greyScaler.close();
        if (bgr != null) {
            bgr.close();
        }
        dstData.close();
        dstStride.close();
    }

    /** One conversion of the current frame; its context is looked up again only when a size or format changes. */
    private final class Scaler {
        private final int format;
        private final int flags;
        private SwsContext sws;
        private int srcWidth;
        private int srcHeight;
        private int srcFormat;
        private int dstWidth;
        private int dstHeight;

        Scaler(int format, int flags) {
            this.format = format;
            this.flags = flags;
        }

        void scale(Mat dst) {
            int w = frame.width();
            int h = frame.height();
            if (sws == null || w != srcWidth || h != srcHeight || frame.format() != srcFormat
                    || dst.cols() != dstWidth || dst.rows() != dstHeight) {
                sws = sws_getCachedContext(sws, w, h, frame.format(), dst.cols(), dst.rows(), format, flags,
                        null, null, (DoublePointer) null);
                if (sws == null) {
                    throw new IllegalStateException("cannot convert pixel format " + frame.format());
                }
                srcWidth = w;
                srcHeight = h;
                srcFormat = frame.format();
                dstWidth = dst.cols();
                dstHeight = dst.rows();
            }
            dstData.put(0, dst.data());
            dstStride.put(0, (int) dst.step());
            sws_scale(sws, frameData, frameStrides, 0, h, dstData, dstStride);
        }

        void close() {
            if (sws != null) {
                sws_freeContext(sws);
                sws = null;
            }
        }
    }
}
