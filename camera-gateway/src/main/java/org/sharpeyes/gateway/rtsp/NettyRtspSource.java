package org.sharpeyes.gateway.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sharpeyes.common.Urls;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.StreamSource;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.hub.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one camera stream with our own RTSP client on shared Netty event loops (no thread per
 * stream): DESCRIBE, SETUP of the video track over TCP interleaved, PLAY, keep-alives, and on any
 * failure a reconnect after an exponential backoff with jitter, as {@link RtspPuller} does, with
 * the same {@link StreamStats}, error kinds and state-change logging. Unlike FFmpeg's RTSP reader,
 * which makes two reads per RTP packet, it reads whatever the socket holds in one go and splits
 * the packets out of that buffer.
 *
 * <p>Everything of one source runs on one event loop of the group, so its state needs no locks;
 * the subscriber is called on that loop and must not block ({@code StreamHub} only queues).
 * Packets: one Annex B access unit each, pts = dts = the RTP timestamp extended to 64 bits
 * (cameras do not send B-frames; with B-frames dts would be wrong, as RTP carries no dts).
 * The silence watchdog is the read idle timeout ({@link RtspSettings#ioTimeout()}).
 */
public final class NettyRtspSource implements StreamSource {
    private static final Logger log = LoggerFactory.getLogger(NettyRtspSource.class);
    /** Longest a close waits for the camera to answer its TEARDOWN. */
    private static final long TEARDOWN_MILLIS = 1000;

    /**
     * Two loops carry hundreds of streams: the work per stream is a few buffer copies per frame.
     * Started with the first source, never stopped (daemon threads, named netty-rtsp-*).
     */
    private static final class Shared {
        static final EventLoopGroup GROUP = NettyTransport.group(2, "netty-rtsp");
        static final DnsAddressResolverGroup RESOLVER = new DnsAddressResolverGroup(
                new DnsNameResolverBuilder().datagramChannelType(NettyTransport.datagramChannel(GROUP)));
    }

    final String name;
    final Supplier<String> url;
    final RtspSettings settings;
    final Subscriber sink;
    final EventLoop loop;
    private final Bootstrap bootstrap;
    private final PullState state;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private volatile boolean closed;

    // Event loop only:
    private RtspConnection connection;
    private ScheduledFuture<?> retry;

    private NettyRtspSource(String name, Supplier<String> url, RtspSettings settings, Subscriber sink) {
        this.name = name;
        this.url = url;
        this.settings = settings;
        this.sink = sink;
        this.state = new PullState(name, "netty", settings);
        this.loop = Shared.GROUP.next();
        this.bootstrap = new Bootstrap().group(loop).channel(NettyTransport.socketChannel(Shared.GROUP)).resolver(Shared.RESOLVER)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.ioTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /**
     * Starts pulling on one of the shared event loops.
     *
     * @param name for logs, e.g. {@code cam-17/main}
     * @param url  asked before every connect; may contain credentials (never logged)
     * @param sink receives {@code onStream} after every connect, then the packets, on an event loop; must not block
     */
    public static NettyRtspSource start(String name, Supplier<String> url, RtspSettings settings, Subscriber sink) {
        NettyRtspSource s = new NettyRtspSource(name, Objects.requireNonNull(url), settings, Objects.requireNonNull(sink));
        s.loop.execute(s::connect);
        return s;
    }

    /** Opens streams for {@code StreamHubs}, like {@link RtspPuller#opener}: the URL is looked up before every connect. */
    public static BiFunction<StreamKey, Subscriber, StreamSource> opener(Function<StreamKey, String> urls, RtspSettings settings) {
        return (key, sink) -> start(key.toString(), () -> urls.apply(key), settings, sink);
    }

    @Override
    public StreamStats stats() {
        return state.stats();
    }

    private void connect() {
        retry = null;
        if (closed) {
            return;
        }
        String u = null;
        RtspUrl target;
        try {
            u = url.get();
            if (u == null) {
                throw new IllegalArgumentException("no URL configured");
            }
            target = RtspUrl.of(u, null, null);
        } catch (RuntimeException e) {
            failed(u == null ? "(none)" : Urls.mask(u), new RtspException(RtspException.Kind.PROTOCOL, e.getMessage()));
            return;
        }
        RtspConnection c = new RtspConnection(this, target, Urls.mask(u));
        connection = c;
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new IdleStateHandler(settings.ioTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS),
                        new InterleavedDecoder(c), c);
            }
        }).connect(InetSocketAddress.createUnresolved(target.host(), target.port()));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                c.connectFailed(done.cause());
            }
        });
    }

    /** The connection delivered its first keyframe: the stream is up. */
    void connected(RtspConnection c, StreamInfo i, long connectNanos) {
        state.connected(c.maskedUrl, i, connectNanos);
        sink.onStream(i);
    }

    void packet(Packet p) {
        state.packet(p);
        sink.onPacket(p);
    }

    /** The connection ended (failed, or the camera closed it): record, log a change, and retry after the backoff. */
    void failed(RtspConnection c, RtspException e) {
        if (connection == c) {
            connection = null;
        }
        failed(c.maskedUrl, e);
    }

    private void failed(String maskedUrl, RtspException e) {
        if (closed) {
            return;
        }
        retry = loop.schedule(this::connect, state.failed(maskedUrl, e), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops the pull: a playing session gets its TEARDOWN (waiting at most a second, less than the
     * I/O timeout, for the answer), then the connection closes. Waits for that unless called on the
     * source's own event loop.
     */
    @Override
    public void close() {
        closed = true;
        loop.execute(() -> {
            if (retry != null) {
                retry.cancel(false);
            }
            state.stopped();
            RtspConnection c = connection;
            connection = null;
            if (c == null) {
                stopped.complete(null);
            } else {
                c.teardown(Math.min(TEARDOWN_MILLIS, settings.ioTimeout().toMillis())).addListener(f -> stopped.complete(null));
            }
        });
        if (!loop.inEventLoop()) {
            try {
                stopped.get(settings.ioTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TimeoutException | ExecutionException e) {
                log.warn("rtsp connection did not close in time stream={}", name);
            }
        }
    }
}
