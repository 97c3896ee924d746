package org.sharpeyes.gateway.rtsp;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.sharpeyes.gateway.codec.NalUnits;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;

/**
 * One connection to one camera stream: FFmpeg's RTSP demuxer over TCP interleaved, video only,
 * never decoding. Uses the plain avformat API rather than JavaCV's grabber: the grabber opens a
 * decoder per stream (memory we do not want per relayed stream), its methods lock the instance so
 * nothing can cut a hung read short, and it has no interrupt callback. Here every blocking FFmpeg
 * call runs under a deadline: a camera that stops answering, even mid-read, makes the call return
 * within the I/O timeout (plus one watchdog tick), and {@link #abort()} ends it at once from any
 * thread.
 *
 * <p>FFmpeg polls its interrupt callback several times per RTP packet (hundreds of times a second
 * per 2 Mbit/s stream). A Java callback made that a JNI upcall each time, which cost more CPU than
 * the demuxing; so the callback is libc's {@code atoi} reading a native "0"/"1" flag, and one
 * watchdog thread for all sessions sets the flag when a deadline passes.
 *
 * <p>Confined to one thread, except {@link #abort()}.
 */
final class RtspSession implements AutoCloseable {
    static {
        avformat_network_init();
        // FFmpeg would print every failed connect to stderr: a flapping camera would flood it.
        // Failures reach the log once, through RtspException and the puller's state changes.
        av_log_set_level(AV_LOG_FATAL);
    }

    /**
     * JavaCPP's function pointer object is a native {function, jobject} pair, not the function itself:
     * this pair holds libc's {@code int atoi(const char *)} and no Java object. Static: never freed.
     */
    private static final LongPointer ATOI = atoi();
    /** As an interrupt callback, atoi returns 1 once the session's flag reads "1", without entering Java. */
    private static final AVIOInterruptCB.Callback_Pointer INTERRUPT = new AVIOInterruptCB.Callback_Pointer(ATOI);
    private static final long WATCHDOG_TICK_MILLIS = 100;
    /** One per JVM, started with the first session and never stopped. */
    static final String WATCHDOG_THREAD = "rtsp-deadline-watchdog";
    private static final Set<RtspSession> LIVE = ConcurrentHashMap.newKeySet();
    /** Longest a normal close waits to send the camera its TEARDOWN. */
    private static final long TEARDOWN_NANOS = 1_000_000_000L;

    static {
        Thread watchdog = new Thread(RtspSession::watch, WATCHDOG_THREAD);
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private final long ioTimeoutNanos;
    /** The interrupt flag FFmpeg's callback reads: "0" runs, "1" interrupts the blocking call in progress. */
    private final BytePointer interrupt = new BytePointer(2);
    /** nanoTime after which the blocking call in progress gives up. Guarded by this, as are the two below. */
    private long deadline;
    private boolean aborted;
    private boolean closed;
    /** The camera went silent: closing cuts the connection instead of sending a TEARDOWN it would not read. */
    private boolean timedOut;
    private final AVPacket packet = av_packet_alloc();
    private AVFormatContext ctx;
    private int videoIndex;
    private long tbNum;
    private long tbDen;
    private StreamInfo info;
    private Packet pending;
    private boolean hevc;
    private long lastDts = -1;

    RtspSession(Duration ioTimeout) {
        this.ioTimeoutNanos = ioTimeout.toNanos();
        interrupt.put(0, (byte) '0').put(1, (byte) 0);
        deadline = System.nanoTime() + ioTimeoutNanos;
        LIVE.add(this);
    }

    /** Connects and reads the stream description; then {@link #info()} and {@link #read()} work. Once. */
    void connect(String url) throws RtspException {
        AVFormatContext c = avformat_alloc_context();
        AVIOInterruptCB cb = c.interrupt_callback();
        cb.callback(INTERRUPT);
        cb.opaque(interrupt);
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "rtsp_transport", "tcp", 0);
        // FFmpeg 5+: "timeout" (µs) is the socket I/O timeout of the RTSP demuxer ("stimeout" is gone).
        av_dict_set(opts, "timeout", Long.toString(ioTimeoutNanos / 1000), 0);
        av_dict_set(opts, "allowed_media_types", "video", 0);
        // Parameter sets come with the SDP; a short analysis keeps the time to first packet low.
        av_dict_set(opts, "analyzeduration", "1000000", 0);
        arm();
        int ret = avformat_open_input(c, url, null, opts);
        av_dict_free(opts);
        if (ret < 0) {
            throw failure(ret, "connect"); // FFmpeg has freed the context
        }
        ctx = c;
        arm();
        ret = avformat_find_stream_info(ctx, (PointerPointer<?>) null);
        if (ret < 0) {
            throw failure(ret, "read stream description");
        }
        videoIndex = av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
        if (videoIndex < 0) {
            throw new RtspException(RtspException.Kind.PROTOCOL, "the stream has no video");
        }
        AVStream st = ctx.streams(videoIndex);
        AVRational tb = st.time_base();
        tbNum = tb.num();
        tbDen = tb.den();
        hevc = st.codecpar().codec_id() == AV_CODEC_ID_HEVC;
        info = FfmpegStreams.info(st);
    }

    StreamInfo info() {
        return info;
    }

    /**
     * The next access unit (one frame), copied into Java memory; every native packet is
     * unreferenced before this returns, whatever happens. Cameras often send a frame in several
     * packets (one per slice) with the same timestamp; they are joined here, so subscribers and
     * muxers see one packet per frame. That costs one frame of latency: a frame is complete when
     * the next one starts.
     */
    Packet read() throws RtspException {
        while (true) {
            Packet next = readPacket();
            if (pending == null) {
                pending = next;
            } else if (next.dts() == pending.dts()) {
                pending = join(pending, next, hevc);
            } else {
                Packet out = pending;
                pending = next;
                return out;
            }
        }
    }

    private static Packet join(Packet a, Packet b, boolean hevc) {
        byte[] rest = NalUnits.continuation(b.data(), hevc);
        byte[] data = Arrays.copyOf(a.data(), a.size() + rest.length);
        System.arraycopy(rest, 0, data, a.size(), rest.length);
        return new Packet(a.pts(), a.dts(), a.keyframe() || b.keyframe(), data, a.receivedNanos());
    }

    private Packet readPacket() throws RtspException {
        while (true) {
            arm();
            int ret = av_read_frame(ctx, packet);
            if (ret >= 0 && pastDeadline()) {
                // An interrupted read ends by flushing the parser: FFmpeg hands out the frame it held as a success.
                // Taking it would arm a fresh deadline and keep a silent camera "connected" for a second I/O timeout.
                av_packet_unref(packet);
                ret = AVERROR_EXIT;
            }
            if (ret < 0) {
                throw failure(ret, "read");
            }
            try {
                int size = packet.size();
                if (packet.stream_index() != videoIndex || size <= 0) {
                    continue;
                }
                byte[] data = new byte[size];
                packet.data().get(data);
                long pts = to90k(packet.pts());
                long dts = to90k(packet.dts());
                pts = pts == AV_NOPTS_VALUE ? dts : pts;
                dts = dts == AV_NOPTS_VALUE ? pts : dts;
                if (dts == AV_NOPTS_VALUE) { // FFmpeg gives the very first frame none at times: keep time monotonic
                    dts = pts = lastDts + 1;
                }
                lastDts = dts;
                return new Packet(pts, dts, (packet.flags() & AV_PKT_FLAG_KEY) != 0, data, System.nanoTime());
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    private long to90k(long t) {
        return t == AV_NOPTS_VALUE ? t : av_rescale(t, Packet.TIME_BASE * tbNum, tbDen);
    }

    /** Makes the blocking call in progress (or the next one) fail at once; any thread. */
    synchronized void abort() {
        aborted = true;
        if (!closed) {
            interrupt.put(0, (byte) '1');
        }
    }

    private synchronized void arm() throws RtspException {
        if (aborted) {
            throw new RtspException(RtspException.Kind.ABORTED, "closed");
        }
        deadline = System.nanoTime() + ioTimeoutNanos;
        interrupt.put(0, (byte) '0');
    }

    /** Interrupts the sessions whose blocking call ran past its deadline. */
    private static void watch() {
        while (true) {
            try {
                Thread.sleep(WATCHDOG_TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (RtspSession s : LIVE) {
                synchronized (s) {
                    if (!s.closed && now - s.deadline > 0) {
                        s.interrupt.put(0, (byte) '1');
                    }
                }
            }
        }
    }

    private static LongPointer atoi() {
        Pointer f = Loader.addressof("atoi");
        if (f == null) {
            throw new IllegalStateException("libc's atoi not found: cannot install FFmpeg's interrupt callback");
        }
        return new LongPointer(2).put(0, f.address()).put(1, 0);
    }

    private synchronized boolean pastDeadline() {
        return aborted || System.nanoTime() - deadline >= 0;
    }

    private RtspException failure(int ret, String during) {
        boolean expired;
        synchronized (this) {
            if (aborted) {
                return new RtspException(RtspException.Kind.ABORTED, "closed");
            }
            expired = System.nanoTime() - deadline >= 0;
            timedOut |= expired;
        }
        long timeoutMs = ioTimeoutNanos / 1_000_000;
        // The demuxer may turn an interrupted read into any error (often "invalid data"): the expired deadline tells.
        if (expired || ret == AVERROR_EXIT || ret == -110 /* ETIMEDOUT */) {
            return new RtspException(RtspException.Kind.TIMEOUT, during + ": no answer within " + timeoutMs + " ms");
        }
        if (ret == AVERROR_HTTP_UNAUTHORIZED || ret == AVERROR_HTTP_FORBIDDEN) {
            return new RtspException(RtspException.Kind.AUTH, during + ": credentials refused (" + describe(ret) + ")");
        }
        if (ret == AVERROR_HTTP_NOT_FOUND) {
            return new RtspException(RtspException.Kind.NOT_FOUND, during + ": no such stream on the camera (404)");
        }
        if (ret == -111 || ret == -113 || ret == -101 /* ECONNREFUSED, EHOSTUNREACH, ENETUNREACH */) {
            return new RtspException(RtspException.Kind.UNREACHABLE, during + ": " + describe(ret));
        }
        if (ret == AVERROR_EOF || ret == -104 || ret == -32 /* ECONNRESET, EPIPE */) {
            return new RtspException(RtspException.Kind.ENDED, during + ": the camera closed the stream (" + describe(ret) + ")");
        }
        return new RtspException(RtspException.Kind.PROTOCOL, during + ": " + describe(ret));
    }

    private static String describe(int ret) {
        byte[] buf = new byte[256];
        av_strerror(ret, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8) + " [" + ret + "]";
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (timedOut) {
                aborted = true;
                interrupt.put(0, (byte) '1'); // a TEARDOWN to a silent camera must not wait
            } else {
                // A camera that was answering (closed by us, or it ended the stream) gets its TEARDOWN, so it frees
                // the session now rather than at its own timeout; the watchdog, or an abort() during the close,
                // cuts a slow one short. The abort() that ended the read loop is lifted for this.
                deadline = System.nanoTime() + Math.min(TEARDOWN_NANOS, ioTimeoutNanos);
                interrupt.put(0, (byte) '0');
            }
        }
        if (ctx != null) {
            avformat_close_input(ctx);
            ctx = null;
        }
        av_packet_free(packet);
        synchronized (this) {
            closed = true;
            LIVE.remove(this);
            interrupt.close();
        }
    }
}
