package org.sharpeyes.gateway.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.BytePointer;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.Subscriber;

/**
 * A live subscriber that remuxes what it receives, without transcoding, into an MPEG-TS file, so a
 * third-party client (ffprobe) can check what the gateway hands out. Records the first connection only.
 */
public final class TsRecorder implements Subscriber, AutoCloseable {
    private final Path file;
    private final AVPacket pkt = av_packet_alloc();
    private AVFormatContext oc;
    private AVStream st;
    private volatile int written;
    private volatile String error;

    public TsRecorder(Path file) {
        this.file = file;
    }

    public int written() {
        return written;
    }

    public String error() {
        return error;
    }

    @Override
    public synchronized void onStream(StreamInfo info) {
        if (oc != null) {
            return;
        }
        oc = new AVFormatContext(null);
        check(avformat_alloc_output_context2(oc, null, "mpegts", file.toString()), "alloc");
        st = avformat_new_stream(oc, null);
        AVCodecParameters par = st.codecpar();
        par.codec_type(AVMEDIA_TYPE_VIDEO);
        par.codec_id(info.codecId());
        par.width(info.width());
        par.height(info.height());
        byte[] extra = info.extradata();
        if (extra.length > 0) {
            BytePointer p = new BytePointer(av_malloc(extra.length + 64)).capacity(extra.length + 64);
            p.zero();
            p.put(extra);
            par.extradata(p);
            par.extradata_size(extra.length);
        }
        st.time_base().num(1).den(Packet.TIME_BASE);
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "open");
        oc.pb(pb);
        check(avformat_write_header(oc, (AVDictionary) null), "header");
    }

    @Override
    public synchronized void onPacket(Packet p) {
        if (oc == null || error != null) {
            return;
        }
        check(av_new_packet(pkt, p.size()), "packet");
        pkt.data().put(p.data());
        long num = st.time_base().num();
        long den = st.time_base().den();
        pkt.pts(av_rescale(p.pts(), den, Packet.TIME_BASE * num));
        pkt.dts(av_rescale(p.dts(), den, Packet.TIME_BASE * num));
        pkt.stream_index(0);
        pkt.flags(p.keyframe() ? AV_PKT_FLAG_KEY : 0);
        check(av_interleaved_write_frame(oc, pkt), "write"); // takes the packet's reference
        written++;
    }

    private void check(int ret, String what) {
        if (ret < 0) {
            error = what + " failed: " + ret;
            throw new IllegalStateException(error);
        }
    }

    @Override
    public synchronized void close() {
        if (oc != null) {
            av_write_trailer(oc);
            avio_closep(oc.pb());
            avformat_free_context(oc);
            oc = null;
        }
        av_packet_free(pkt);
    }
}
