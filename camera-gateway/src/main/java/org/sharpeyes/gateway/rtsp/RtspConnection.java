package org.sharpeyes.gateway.rtsp;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.URI;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sharpeyes.gateway.codec.MalformedNalException;
import org.sharpeyes.gateway.codec.Sps;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP session of a {@link NettyRtspSource}: DESCRIBE (answering a Basic or Digest challenge),
 * SETUP of the first H.264/H.265 video track as RTP/AVP/TCP interleaved, PLAY, then OPTIONS every
 * half session timeout as keep-alive while the media flows in. Ends once, with an
 * {@link RtspException} to the source, or with a TEARDOWN when the source closes. Runs on the
 * source's event loop only.
 */
final class RtspConnection extends ChannelInboundHandlerAdapter
        implements InterleavedDecoder.FrameSink, RtpDepacketizer.Sink {
    private static final Logger log = LoggerFactory.getLogger(RtspConnection.class);
    private static final String USER_AGENT = "SharpEyes/1";
    private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)(?:-(\\d+))?");
    private static final Pattern TIMEOUT = Pattern.compile(";\\s*timeout=(\\d+)");
    private static final int DEFAULT_SESSION_TIMEOUT_S = 60;

    private enum Step { CONNECTING, DESCRIBE, SETUP, PLAY, PLAYING, TEARDOWN, DONE }

    private final NettyRtspSource source;
    private final RtspUrl target;
    final String maskedUrl;
    private final long startNanos = System.nanoTime();

    private Channel channel;
    private Step step = Step.CONNECTING;
    private int cseq;
    private int awaited;
    private String awaitedUri;
    private String awaitedHeaders = "";
    private List<AuthChallenge> challenges;
    private String baseUri;
    private String session;
    private int sessionTimeoutS = DEFAULT_SESSION_TIMEOUT_S;
    private int rtpChannel;
    private boolean hevc;
    private String trackUri;
    private RtpDepacketizer depacketizer;
    private boolean announced;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> teardownLimit;
    private final Promise<Void> finished;

    RtspConnection(NettyRtspSource source, RtspUrl target, String maskedUrl) {
        this.source = source;
        this.target = target;
        this.maskedUrl = maskedUrl;
        this.finished = source.loop.newPromise();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        channel.closeFuture().addListener(f -> finished.trySuccess(null));
        if (step == Step.DONE) { // closed while connecting
            channel.close();
            return;
        }
        baseUri = target.requestUri();
        request(Step.DESCRIBE, "DESCRIBE", target.requestUri(), "Accept: application/sdp\r\n");
    }

    void connectFailed(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            fail(RtspException.Kind.TIMEOUT, "connect: no answer within " + source.settings.ioTimeout().toMillis() + " ms");
        } else {
            fail(RtspException.Kind.UNREACHABLE, "connect: " + describe(cause));
        }
        finished.trySuccess(null);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RtspResponse r && step != Step.DONE) {
            int got = cseqOf(r);
            if (got != awaited) {
                return; // a keep-alive's answer; its status does not matter while media flows
            }
            try {
                answer(r);
            } catch (RtspParseException e) {
                fail(RtspException.Kind.PROTOCOL, e.getMessage());
            }
        }
    }

    private void answer(RtspResponse r) {
        if (step == Step.TEARDOWN) {
            finish();
            return;
        }
        String method = step.name();
        if (r.status() == 401) {
            if (target.user() == null) {
                fail(RtspException.Kind.AUTH, method + ": camera requires credentials and none are configured (" + r.statusLine() + ")");
            } else if (challenges != null) {
                fail(RtspException.Kind.AUTH, method + ": credentials refused (" + r.statusLine() + ")");
            } else {
                challenges = AuthChallenge.parse(r.header("WWW-Authenticate"));
                if (authorization(method, awaitedUri) == null) {
                    fail(RtspException.Kind.AUTH, method + ": camera asks for an authentication scheme we cannot answer: "
                            + challenges.stream().map(AuthChallenge::scheme).toList());
                } else {
                    resend();
                }
            }
            return;
        }
        if (r.status() == 403) {
            fail(RtspException.Kind.AUTH, method + ": credentials refused (" + r.statusLine() + ")");
            return;
        }
        if (r.status() == 404) {
            fail(RtspException.Kind.NOT_FOUND, method + ": no such stream on the camera (404)");
            return;
        }
        if (r.status() != 200) {
            fail(RtspException.Kind.PROTOCOL, method + " answered " + r.statusLine());
            return;
        }
        switch (step) {
            case DESCRIBE -> described(r);
            case SETUP -> setUp(r);
            case PLAY -> playing();
            default -> { }
        }
    }

    private void described(RtspResponse r) {
        String base = r.header("Content-Base") != null ? r.header("Content-Base") : r.header("Content-Location");
        if (base != null && !base.isBlank()) {
            baseUri = base.trim();
        }
        SdpInfo sdp = SdpInfo.parse(new String(r.body(), StandardCharsets.UTF_8));
        SdpInfo.Media video = sdp.media().stream()
                .filter(m -> m.kind().equals("video") && (m.codec().equals("H264") || m.codec().equals("H265")))
                .findFirst().orElse(null);
        if (video == null) {
            fail(RtspException.Kind.PROTOCOL, "the stream has no H.264/H.265 video (codecs: " + sdp.codecs() + ")");
            return;
        }
        hevc = video.codec().equals("H265");
        depacketizer = new RtpDepacketizer(hevc, video.payloadType(), sdpParameterSets(video), this);
        trackUri = resolve(baseUri, video.control());
        request(Step.SETUP, "SETUP", trackUri, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
    }

    private void setUp(RtspResponse r) {
        String s = r.header("Session");
        if (s == null || s.isBlank()) {
            fail(RtspException.Kind.PROTOCOL, "SETUP answered without a Session header");
            return;
        }
        int semi = s.indexOf(';');
        session = (semi < 0 ? s : s.substring(0, semi)).trim();
        Matcher t = TIMEOUT.matcher(s);
        if (t.find() && t.group(1).length() < 6) {
            sessionTimeoutS = Math.max(2, Integer.parseInt(t.group(1)));
        }
        String transport = r.header("Transport");
        Matcher m = transport == null ? null : INTERLEAVED.matcher(transport);
        if (m == null || !m.find() || !transport.toUpperCase(Locale.ROOT).contains("TCP")) {
            fail(RtspException.Kind.PROTOCOL, "SETUP: the camera did not accept RTP over TCP interleaved (Transport: " + transport + ")");
            return;
        }
        rtpChannel = Integer.parseInt(m.group(1)) & 0xFF;
        request(Step.PLAY, "PLAY", aggregateUri(), "Range: npt=0.000-\r\n");
    }

    private void playing() {
        step = Step.PLAYING;
        long every = Math.max(1, sessionTimeoutS * 1000L / 2);
        keepAlive = channel.eventLoop().scheduleAtFixedRate(() -> send("OPTIONS", aggregateUri(), ""), every, every,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void frame(int ch, ByteBuf buf, int index, int length) {
        if (ch == rtpChannel && depacketizer != null && (step == Step.PLAYING || step == Step.PLAY)) {
            depacketizer.rtp(buf, index, length, System.nanoTime());
        }
    }

    @Override
    public void accessUnit(long pts, boolean keyframe, byte[] annexB, long receivedNanos) {
        if (step != Step.PLAYING && step != Step.PLAY) {
            return;
        }
        try {
            if (!announced) {
                Sps sps = sps();
                StreamInfo info = new StreamInfo(hevc ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264, hevc ? "hevc" : "h264",
                        sps == null ? 0 : sps.width(), sps == null ? 0 : sps.height(), depacketizer.parameterSetsAnnexB(), 0);
                announced = true;
                source.connected(this, info, startNanos);
            }
            source.packet(new Packet(pts, pts, keyframe, annexB, receivedNanos));
        } catch (RuntimeException e) {
            // A bug in a subscriber must not kill the camera's pull: report it and reconnect.
            log.error("rtsp subscriber failed stream={} url={}", source.name, maskedUrl, e);
            fail(RtspException.Kind.PROTOCOL, "internal error: " + e);
        }
    }

    /** The latest SPS, or null when there is none or it cannot be read: the size is then announced as unknown (0). */
    private Sps sps() {
        byte[] nal = depacketizer.sps();
        try {
            return nal == null ? null : Sps.parse(nal, hevc);
        } catch (MalformedNalException e) {
            return null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            long ms = source.settings.ioTimeout().toMillis();
            fail(RtspException.Kind.TIMEOUT, step == Step.PLAYING ? "read: no data within " + ms + " ms"
                    : step.name() + ": no answer within " + ms + " ms");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(RtspException.Kind.ENDED, (step == Step.PLAYING ? "read" : step.name()) + ": the camera closed the connection");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && !(cause.getCause() instanceof IOException)) {
            fail(RtspException.Kind.PROTOCOL, "unreadable RTSP stream: " + describe(cause.getCause() == null ? cause : cause.getCause()));
        } else {
            fail(RtspException.Kind.ENDED, "the camera closed the stream (" + describe(cause) + ")");
        }
    }

    /**
     * Ends the session for the source's close: TEARDOWN when a session exists, waiting at most
     * {@code limitMillis} for its answer; otherwise just closes. The future completes once the
     * connection is closed.
     */
    Future<Void> teardown(long limitMillis) {
        if (step == Step.DONE || step == Step.TEARDOWN) {
            return finished;
        }
        boolean live = channel != null && channel.isActive();
        if (live && session != null) {
            stopKeepAlive();
            request(Step.TEARDOWN, "TEARDOWN", aggregateUri(), "");
            teardownLimit = channel.eventLoop().schedule(this::finish, limitMillis, TimeUnit.MILLISECONDS);
        } else {
            finish();
        }
        return finished;
    }

    private void finish() {
        step = Step.DONE;
        stopKeepAlive();
        if (teardownLimit != null) {
            teardownLimit.cancel(false);
        }
        if (channel != null) {
            channel.close();
        } // else: channelActive closes it, or the connect fails
    }

    private void fail(RtspException.Kind kind, String message) {
        if (step == Step.DONE || step == Step.TEARDOWN) {
            if (step == Step.TEARDOWN) {
                finish(); // the camera closed or went silent after our TEARDOWN: done
            }
            return;
        }
        finish();
        source.failed(this, new RtspException(kind, message));
    }

    private void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    private void request(Step next, String method, String uri, String headers) {
        step = next;
        awaitedUri = uri;
        awaitedHeaders = headers;
        awaited = send(method, uri, headers);
    }

    private void resend() {
        request(step, step.name(), awaitedUri, awaitedHeaders);
    }

    /** Writes one request; returns its CSeq. */
    private int send(String method, String uri, String headers) {
        int n = ++cseq;
        StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(uri).append(" RTSP/1.0\r\nCSeq: ").append(n)
                .append("\r\nUser-Agent: ").append(USER_AGENT).append("\r\n");
        String auth = authorization(method, uri);
        if (auth != null) {
            sb.append("Authorization: ").append(auth).append("\r\n");
        }
        if (session != null) {
            sb.append("Session: ").append(session).append("\r\n");
        }
        sb.append(headers).append("\r\n");
        ChannelFuture f = channel.writeAndFlush(ByteBufUtil.encodeString(channel.alloc(),
                CharBuffer.wrap(sb), StandardCharsets.ISO_8859_1));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                fail(RtspException.Kind.ENDED, "cannot send " + method + ": " + describe(done.cause()));
            }
        });
        return n;
    }

    private String authorization(String method, String uri) {
        if (challenges == null || target.user() == null) {
            return null;
        }
        return RtspAuth.authorization(challenges, method, uri, target.user(), target.password(),
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    /** The URI for aggregate requests (PLAY, TEARDOWN, keep-alives): the Content-Base. */
    private String aggregateUri() {
        return baseUri;
    }

    /** RFC 2326 C.1.1: a control attribute is absolute, "*" (the base itself), or relative to the base. */
    static String resolve(String base, String control) {
        if (control == null || control.isEmpty() || control.equals("*")) {
            return base;
        }
        if (control.regionMatches(true, 0, "rtsp://", 0, 7) || control.regionMatches(true, 0, "rtsps://", 0, 8)) {
            return control;
        }
        if (control.startsWith("/")) {
            URI b = URI.create(base);
            return b.getScheme() + "://" + b.getRawAuthority() + control;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }

    /** sprop-parameter-sets (H.264) or sprop-vps/sps/pps (H.265); unreadable entries are skipped (they come in-band too). */
    private List<byte[]> sdpParameterSets(SdpInfo.Media video) {
        List<String> values = hevc
                ? List.of(video.fmtp().getOrDefault("sprop-vps", ""), video.fmtp().getOrDefault("sprop-sps", ""),
                        video.fmtp().getOrDefault("sprop-pps", ""))
                : List.of(video.fmtp().getOrDefault("sprop-parameter-sets", ""));
        List<byte[]> out = new ArrayList<>();
        for (String v : values) {
            for (String b64 : v.split(",")) {
                if (!b64.isBlank()) {
                    try {
                        out.add(Base64.getDecoder().decode(b64.trim()));
                    } catch (IllegalArgumentException e) {
                        log.debug("rtsp unreadable parameter set in SDP stream={}", source.name);
                    }
                }
            }
        }
        return out;
    }

    private static int cseqOf(RtspResponse r) {
        String c = r.header("CSeq");
        try {
            return c == null ? -1 : Integer.parseInt(c.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }
}
