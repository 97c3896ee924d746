package org.sharpeyes.gateway.rtsp;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream source knows about its pull, whichever RTSP client does the pulling: connected
 * since when, the last error, reconnects, rates, and the backoff before the next attempt. It logs
 * state changes (connected, lost, a new kind of failure), not every retry. Written by one thread
 * at a time (the source's pull thread or event loop); {@link #stats} may be read from any thread.
 */
final class PullState {
    private static final Logger log = LoggerFactory.getLogger(PullState.class);
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String name;
    private final String client;
    private final RtspSettings settings;
    private final RateMeter rates = new RateMeter(RATE_WINDOW_NANOS);

    private volatile StreamInfo info;
    private volatile Instant connectedSince;
    private volatile long lastPacketNanos;
    private volatile boolean anyPacket;
    private volatile String lastError;
    private volatile int reconnects;

    private int failures;
    private boolean everConnected;
    private String lastLogged;
    private long stableAt;

    /** @param client which RTSP client pulls, for the logs: ffmpeg or netty */
    PullState(String name, String client, RtspSettings settings) {
        this.name = name;
        this.client = client;
        this.settings = settings;
    }

    StreamStats stats() {
        StreamInfo i = info;
        long now = System.nanoTime();
        RateMeter.Rates r = rates.rates(now);
        Instant since = connectedSince;
        // Kept as nanoTime so a packet costs no Instant; converted only when asked.
        Instant last = anyPacket ? Instant.now().minusNanos(now - lastPacketNanos) : null;
        return new StreamStats(since != null, i == null ? null : i.codec(), i == null ? 0 : i.width(), i == null ? 0 : i.height(),
                r.fps(), r.kbps(), last, reconnects, since, lastError);
    }

    void connected(String maskedUrl, StreamInfo i, long attemptStartNanos) {
        info = i;
        connectedSince = Instant.now();
        lastError = null;
        rates.reset();
        if (everConnected) {
            reconnects++;
        }
        log.info("rtsp connected stream={} url={} codec={} size={}x{} attempts={} connectMs={} client={}", name, maskedUrl,
                i.codec(), i.width(), i.height(), failures + 1,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attemptStartNanos), client);
        everConnected = true;
        lastLogged = null;
        stableAt = System.nanoTime() + settings.stableAfter().toNanos();
    }

    void packet(Packet p) {
        rates.record(p.size(), p.dts(), p.receivedNanos());
        lastPacketNanos = p.receivedNanos();
        anyPacket = true;
        if (failures > 0 && p.receivedNanos() - stableAt > 0) {
            failures = 0;
        }
    }

    /** Records and logs a failed attempt or a lost stream; returns how long to wait before the next attempt. */
    long failed(String maskedUrl, RtspException e) {
        String reason = e.kind() + ": " + e.getMessage();
        boolean wasConnected = connectedSince != null;
        connectedSince = null;
        lastError = reason;
        if (wasConnected) {
            log.warn("rtsp stream lost stream={} url={} reason=\"{}\" client={}", name, maskedUrl, reason, client);
        } else if (!reason.equals(lastLogged)) {
            log.warn("rtsp cannot connect stream={} url={} reason=\"{}\" client={} (retrying with backoff; logged again on change)",
                    name, maskedUrl, reason, client);
        } else {
            log.debug("rtsp still failing stream={} reason=\"{}\"", name, reason);
        }
        lastLogged = reason;
        return nextBackoff();
    }

    /** A bug in a sink must not kill the camera's pull: reported, then retried like any failure. */
    long internalError(String maskedUrl, RuntimeException e) {
        connectedSince = null;
        lastError = "internal error: " + e;
        log.error("rtsp pull failed stream={} url={} client={}", name, maskedUrl, client, e);
        return nextBackoff();
    }

    void stopped() {
        connectedSince = null;
    }

    /** Exponential, capped, with "equal jitter": half fixed, half random, so retries never bunch at zero. */
    private long nextBackoff() {
        failures++;
        long min = settings.backoffMin().toNanos();
        long max = settings.backoffMax().toNanos();
        long d = min << Math.min(failures - 1, 30);
        d = d <= 0 || d > max ? max : d;
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
