package org.sharpeyes.gateway.rtsp;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.sharpeyes.gateway.hub.StreamInfo;

/** What a subscriber needs to know of an FFmpeg demuxer's video stream. */
public final class FfmpegStreams {
    private FfmpegStreams() {
    }

    /** Codec, size, parameter sets and nominal frame rate (0 when the container does not say). */
    public static StreamInfo info(AVStream st) {
        AVCodecParameters par = st.codecpar();
        byte[] extradata = new byte[Math.max(0, par.extradata_size())];
        if (extradata.length > 0) {
            par.extradata().get(extradata);
        }
        AVRational fr = st.avg_frame_rate().num() > 0 ? st.avg_frame_rate() : st.r_frame_rate();
        double fps = fr.num() > 0 && fr.den() > 0 ? (double) fr.num() / fr.den() : 0;
        return new StreamInfo(par.codec_id(), avcodec_get_name(par.codec_id()).getString(), par.width(), par.height(),
                extradata, fps);
    }
}
