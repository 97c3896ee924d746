package org.sharpeyes.gateway.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.common.Urls;

/**
 * A light RTSP check of a camera that is not being pulled: OPTIONS then DESCRIBE on one TCP
 * connection (answering a Basic or Digest challenge), reading the codecs from the SDP, then
 * closing. No media is set up. Everything runs on the given Netty event loops; no thread per
 * probe, no blocking (host names are resolved by Netty's asynchronous DNS resolver).
 */
public final class LightProbe implements AutoCloseable {
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final String USER_AGENT = "SharpEyes-Probe/1";

    private final ProbeSettings settings;
    private final Bootstrap bootstrap;
    private final DnsAddressResolverGroup resolver;

    /** @param group event loops (epoll or NIO), e.g. Vert.x's {@code nettyEventLoopGroup()}; not closed by this probe */
    public LightProbe(EventLoopGroup group, ProbeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder().datagramChannelType(NettyTransport.datagramChannel(group)));
        this.bootstrap = new Bootstrap().group(group).channel(NettyTransport.socketChannel(group)).resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /**
     * Probes one camera. The future always completes normally, within about connectTimeout + 3 ×
     * responseTimeout; failures are in {@link ProbeResult#error()}.
     *
     * @param url      rtsp://host[:port]/path; credentials in the URL are used when user is null
     * @param user     null for none
     * @param password never logged or returned
     */
    public CompletableFuture<ProbeResult> probe(String url, String user, String password) {
        long start = System.nanoTime();
        String masked = Urls.mask(url);
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        RtspUrl target;
        try {
            target = RtspUrl.of(url, user, password);
        } catch (IllegalArgumentException e) {
            result.complete(new ProbeResult(masked, false, 0, Duration.ZERO, List.of(), ProbeResult.Auth.UNKNOWN, e.getMessage()));
            return result;
        }
        Exchange exchange = new Exchange(target, masked, start, result);
        ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new RtspEncoder(), new RtspDecoder(), new HttpObjectAggregator(MAX_ANSWER_BYTES), exchange);
            }
        }).connect(InetSocketAddress.createUnresolved(target.host(), target.port()));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                exchange.finish(false, "cannot connect: " + (cause == null ? "cancelled" : describe(cause)));
            }
        });
        return result;
    }

    @Override
    public void close() {
        resolver.close();
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }

    /** One connection's OPTIONS → DESCRIBE (→ DESCRIBE with credentials) exchange. Runs on its channel's event loop. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final RtspUrl target;
        private final String masked;
        private final long start;
        private final CompletableFuture<ProbeResult> result;
        private Channel channel;
        private int cseq;
        private HttpMethod pending;
        private String authorization;
        private ProbeResult.Auth auth = ProbeResult.Auth.UNKNOWN;
        private int status;
        private boolean answered;
        private List<String> codecs = List.of();
        private ScheduledFuture<?> timeout;

        Exchange(RtspUrl target, String masked, long start, CompletableFuture<ProbeResult> result) {
            this.target = target;
            this.masked = masked;
            this.start = start;
            this.result = result;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            send(RtspMethods.OPTIONS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            if (result.isDone()) {
                return;
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (r.decoderResult().isFailure()) {
                finish(answered, "unreadable RTSP answer to " + pending + ": " + describe(r.decoderResult().cause()));
                return;
            }
            answered = true;
            status = r.status().code();
            try {
                handle(r);
            } catch (RtspParseException e) {
                finish(true, e.getMessage());
            }
        }

        private void handle(FullHttpResponse r) {
            boolean unauthorized = status == 401;
            if (unauthorized) {
                if (target.user() == null) {
                    auth = ProbeResult.Auth.NO_CREDENTIALS;
                    finish(true, "camera requires credentials and none are configured");
                    return;
                }
                if (authorization != null) {
                    auth = ProbeResult.Auth.REFUSED;
                    finish(true, "credentials refused (" + r.status() + ")");
                    return;
                }
                List<AuthChallenge> challenges = AuthChallenge.parse(r.headers().get(RtspHeaderNames.WWW_AUTHENTICATE));
                authorization = RtspAuth.authorization(challenges, RtspMethods.DESCRIBE.name(), target.requestUri(),
                        target.user(), target.password(), HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
                if (authorization == null) {
                    auth = ProbeResult.Auth.UNSUPPORTED;
                    finish(true, "camera asks for an authentication scheme we cannot answer: "
                            + challenges.stream().map(AuthChallenge::scheme).toList());
                    return;
                }
                send(RtspMethods.DESCRIBE);
                return;
            }
            if (pending == RtspMethods.OPTIONS) {
                if (status != 200) {
                    finish(true, "OPTIONS answered " + r.status());
                } else if (settings.describe()) {
                    send(RtspMethods.DESCRIBE);
                } else {
                    finish(true, null);
                }
                return;
            }
            if (status != 200) {
                finish(true, "DESCRIBE answered " + r.status());
                return;
            }
            auth = authorization == null ? ProbeResult.Auth.NOT_REQUIRED : ProbeResult.Auth.ACCEPTED;
            codecs = SdpInfo.parse(r.content().toString(StandardCharsets.UTF_8)).codecs();
            finish(true, null);
        }

        private void send(HttpMethod method) {
            pending = method;
            FullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, method, target.requestUri());
            req.headers().set(RtspHeaderNames.CSEQ, Integer.toString(++cseq)).set(RtspHeaderNames.USER_AGENT, USER_AGENT);
            if (method == RtspMethods.DESCRIBE) {
                req.headers().set(RtspHeaderNames.ACCEPT, "application/sdp");
                if (authorization != null) {
                    req.headers().set(RtspHeaderNames.AUTHORIZATION, authorization);
                }
            }
            channel.writeAndFlush(req).addListener(f -> {
                if (!f.isSuccess()) {
                    finish(answered, "cannot send " + method + ": " + describe(f.cause()));
                }
            });
            long limit = settings.responseTimeout().toMillis();
            timeout = channel.eventLoop().schedule(
                    () -> finish(answered, "no answer to " + method + " within " + limit + " ms"), limit, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            finish(answered, "connection closed by the camera before it answered " + pending);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            finish(answered, describe(cause));
        }

        /** Completes once; later calls (the close's own inactive event, a late timeout) do nothing. */
        void finish(boolean reachable, String error) {
            if (result.isDone()) {
                return;
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            result.complete(new ProbeResult(masked, reachable, status, latency, codecs, auth, error));
            if (channel != null) {
                channel.close();
            }
        }
    }
}
