package org.sharpeyes.gateway.rtsp;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
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
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String name;
    private final Supplier<String> url;
    private final RtspSettings settings;
    private final Subscriber sink;
    private final Thread thread;
    private final RateMeter rates = new RateMeter(RATE_WINDOW_NANOS);
    private final Object wake = new Object();

    private volatile boolean closed;
    private volatile RtspSession session;
    private volatile StreamInfo info;
    private volatile Instant connectedSince;
    private volatile Instant lastPacket;
    private volatile String lastError;
    private volatile int reconnects;

    private RtspPuller(String name, Supplier<String> url, RtspSettings settings, Subscriber sink) {
        this.name = name;
        this.url = url;
        this.settings = settings;
        this.sink = sink;
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
        StreamInfo i = info;
        RateMeter.Rates r = rates.rates(System.nanoTime());
        Instant since = connectedSince;
        return new StreamStats(since != null, i == null ? null : i.codec(), i == null ? 0 : i.width(), i == null ? 0 : i.height(),
                r.fps(), r.kbps(), lastPacket, reconnects, since, lastError);
    }

    private void run() {
        int failures = 0;
        boolean everConnected = false;
        String lastLogged = null;
        while (!closed) {
            long attemptStart = System.nanoTime();
            String u = null;
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
                    info = s.info();
                    connectedSince = Instant.now();
                    lastError = null;
                    rates.reset();
                    if (everConnected) {
                        reconnects++;
                    }
                    log.info("rtsp connected stream={} url={} codec={} size={}x{} attempts={} connectMs={}", name, Urls.mask(u),
                            info.codec(), info.width(), info.height(), failures + 1,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attemptStart));
                    everConnected = true;
                    lastLogged = null;
                    sink.onStream(info);
                    long stableAt = System.nanoTime() + settings.stableAfter().toNanos();
                    while (!closed) {
                        Packet p = s.read();
                        rates.record(p.size(), p.dts(), p.receivedNanos());
                        lastPacket = Instant.now();
                        sink.onPacket(p);
                        if (failures > 0 && p.receivedNanos() - stableAt > 0) {
                            failures = 0;
                        }
                    }
                }
            } catch (RtspException e) {
                if (e.kind() == RtspException.Kind.ABORTED && closed) {
                    break;
                }
                String reason = e.kind() + ": " + e.getMessage();
                boolean wasConnected = connectedSince != null;
                connectedSince = null;
                lastError = reason;
                if (wasConnected) {
                    log.warn("rtsp stream lost stream={} url={} reason=\"{}\"", name, Urls.mask(u), reason);
                } else if (!reason.equals(lastLogged)) {
                    log.warn("rtsp cannot connect stream={} url={} reason=\"{}\" (retrying with backoff; logged again on change)",
                            name, Urls.mask(u), reason);
                } else {
                    log.debug("rtsp still failing stream={} reason=\"{}\"", name, reason);
                }
                lastLogged = reason;
            } catch (RuntimeException e) {
                // A bug in a sink must not kill the camera's pull: report it and reconnect.
                connectedSince = null;
                lastError = "internal error: " + e;
                log.error("rtsp pull failed stream={} url={}", name, Urls.mask(u), e);
            } finally {
                session = null;
            }
            failures++;
            pause(backoff(failures));
        }
        connectedSince = null;
    }

    /** Exponential, capped, with "equal jitter": half fixed, half random, so retries never bunch at zero. */
    private long backoff(int failures) {
        long min = settings.backoffMin().toNanos();
        long max = settings.backoffMax().toNanos();
        long d = min << Math.min(failures - 1, 30);
        d = d <= 0 || d > max ? max : d;
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
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
