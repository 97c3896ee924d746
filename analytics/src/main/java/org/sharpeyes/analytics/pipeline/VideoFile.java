package org.sharpeyes.analytics.pipeline;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.rtsp.FfmpegStreams;

/**
 * A recorded video (MP4, MKV, TS, raw H.264/H.265 …) read packet by packet with FFmpeg's
 * demuxer, as the hub would deliver a camera's: times in 90 kHz from the start of the file.
 * Confined to one thread.
 */
public final class VideoFile implements AutoCloseable {
    private final AVFormatContext ctx;
    private final AVPacket packet = av_packet_alloc();
    private final int videoIndex;
    private final long tbNum;
    private final long tbDen;
    private final StreamInfo info;
    private long first = AV_NOPTS_VALUE;
    private long lastDts = -1;

    private VideoFile(AVFormatContext ctx, int videoIndex) {
        this.ctx = ctx;
        this.videoIndex = videoIndex;
        AVStream st = ctx.streams(videoIndex);
        this.tbNum = st.time_base().num();
        this.tbDen = st.time_base().den();
        this.info = FfmpegStreams.info(st);
    }

    /** @throws IOException when the file is missing, unreadable, not a video FFmpeg knows, or has no video */
    public static VideoFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        AVFormatContext c = new AVFormatContext(null);
        int ret = avformat_open_input(c, file.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (ret < 0) {
            throw new IOException("cannot open " + file + " as video (FFmpeg error " + ret + ")");
        }
        try {
            if (avformat_find_stream_info(c, (PointerPointer<?>) null) < 0) {
                throw new IOException("cannot read the streams of " + file);
            }
            int index = av_find_best_stream(c, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
            if (index < 0) {
                throw new IOException(file + " has no video stream");
            }
            return new VideoFile(c, index);
        } catch (IOException | RuntimeException e) {
            avformat_close_input(c);
            throw e;
        }
    }

    public StreamInfo info() {
        return info;
    }

    /** The next video packet, or null at the end of the file. */
    public Packet read() throws IOException {
        while (true) {
            int ret = av_read_frame(ctx, packet);
            if (ret == AVERROR_EOF) {
                return null;
            }
            if (ret < 0) {
                throw new IOException("cannot read the video (FFmpeg error " + ret + ")");
            }
            try {
                if (packet.stream_index() != videoIndex || packet.size() <= 0) {
                    continue;
                }
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                long pts = packet.pts() == AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                long dts = packet.dts() == AV_NOPTS_VALUE ? pts : packet.dts();
                if (first == AV_NOPTS_VALUE) {
                    first = Math.min(pts, dts) == AV_NOPTS_VALUE ? 0 : Math.min(pts, dts);
                }
                long pts90 = pts == AV_NOPTS_VALUE ? lastDts + 1 : to90k(pts - first);
                long dts90 = dts == AV_NOPTS_VALUE ? pts90 : to90k(dts - first);
                lastDts = dts90;
                return new Packet(pts90, dts90, (packet.flags() & AV_PKT_FLAG_KEY) != 0, data, System.nanoTime());
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private long to90k(long t) {
        return av_rescale(t, Packet.TIME_BASE * tbNum, tbDen);
    }

    @Override
    public void close() {
        avformat_close_input(ctx);
        av_packet_free(packet);
    }
}
