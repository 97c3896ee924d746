package org.sharpeyes.gateway.rtsp;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 * Pulls one camera stream for as long as it is open: one dedicated thread that connects, reads
 * packets into the sink, and on any failure reconnects after an exponential backoff with jitter.
 * The thread is reused across reconnects, so a flapping camera costs no threads; it logs state
 * changes (lost, back, a new kind of failure), not every retry.
 *
 * <p>The URL is asked for again before every connect, so changed credentials apply on the next
 * reconnect. A hung camera only ever blocks its own thread, and never longer than the I/O timeout.
 */
public final class RtspPuller implements StreamSource {
    private static final Logger log = LoggerFactory.getLogger(RtspPuller.class);

    private final String name;
    private final Supplier<String> url;
    private final RtspSettings settings;
    private final Subscriber sink;
    private final Thread thread;
    private final PullState state;
    private final Object wake = new Object();

    private volatile boolean closed;
    private volatile RtspSession session;

    private RtspPuller(String name, Supplier<String> url, RtspSettings settings, Subscriber sink) {
        this.name = name;
        this.url = url;
        this.settings = settings;
        this.sink = sink;
        this.state = new PullState(name, "ffmpeg", settings);
        this.thread = new Thread(this::run, "rtsp-" + name);
        thread.setDaemon(true);
    }

    /**
     * Starts pulling on a new thread.
     *
     * @param name for logs and the thread name, e.g. {@code cam-17/main}
     * @param url  asked before every connect; may contain credentials (never logged)
     * @param sink receives {@code onStream} after every connect, then the packets, on the pull thread;
     *             it must not block
     */
    public static RtspPuller start(String name, Supplier<String> url, RtspSettings settings, Subscriber sink) {
        RtspPuller p = new RtspPuller(name, Objects.requireNonNull(url), settings, Objects.requireNonNull(sink));
        p.thread.start();
        return p;
    }

    /** Opens streams for {@code StreamHubs}: the URL (with credentials) is looked up before every connect. */
    public static BiFunction<StreamKey, Subscriber, StreamSource> opener(Function<StreamKey, String> urls, RtspSettings settings) {
        return (key, sink) -> start(key.toString(), () -> urls.apply(key), settings, sink);
    }

    @Override
    public StreamStats stats() {
        return state.stats();
    }

    private void run() {
        while (!closed) {
            long attemptStart = System.nanoTime();
            String u = null;
            long wait = 0;
            try {
                u = url.get();
                if (u == null) {
                    throw new RtspException(RtspException.Kind.PROTOCOL, "no URL configured");
                }
                try (RtspSession s = new RtspSession(settings.ioTimeout())) {
                    session = s; // from here close() can abort the connect too
                    if (closed) {
                        break;
                    }
                    s.connect(u);
                    StreamInfo info = s.info();
                    state.connected(Urls.mask(u), info, attemptStart);
                    sink.onStream(info);
                    while (!closed) {
                        Packet p = s.read();
                        state.packet(p);
                        sink.onPacket(p);
                    }
                }
            } catch (RtspException e) {
                if (e.kind() == RtspException.Kind.ABORTED && closed) {
                    break;
                }
                wait = state.failed(Urls.mask(u), e);
            } catch (RuntimeException e) {
                wait = state.internalError(Urls.mask(u), e);
            } finally {
                session = null;
            }
            pause(wait);
        }
        state.stopped();
    }

    private void pause(long nanos) {
        long end = System.nanoTime() + nanos;
        synchronized (wake) {
            for (long left = nanos; !closed && left > 0; left = end - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    return; // only close() interrupts; it also sets closed
                }
            }
        }
    }

    /** Stops the pull: a blocked read returns at once; waits at most the I/O timeout for the thread. */
    @Override
    public void close() {
        closed = true;
        RtspSession s = session;
        if (s != null) {
            s.abort();
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(settings.ioTimeout().plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("rtsp pull thread did not stop in time stream={}", name);
            }
        }
    }
}
