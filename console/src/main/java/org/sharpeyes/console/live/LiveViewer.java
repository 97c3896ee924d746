package org.sharpeyes.console.live;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamHub;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.hub.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser watching one camera stream over one WebSocket: hub callbacks in, fMP4 messages out
 * (the protocol is on {@link LiveEndpoint}). Everything here runs on the socket's Vert.x context:
 * the hub delivers through {@code runOnContext}, so no locks.
 *
 * <p>A new viewer gets the hub's cached GOP at once, with its real timestamps: the first picture
 * shows immediately and the browser's buffer ends at the live edge, so the page should jump to
 * {@code buffered.end - ~0.1 s} when it starts and whenever it falls more than ~1 s behind or stalls
 * in a gap (dropped segments and reconnects leave real-time gaps in the timeline).
 *
 * <p>Back-pressure: a browser that reads too slowly fills the socket's write queue; from then on
 * media segments are dropped until a keyframe finds room again. The hub never waits for us: it only
 * fills our own bounded queue, and tells us (onDropped) when that overflowed.
 */
final class LiveViewer implements Subscriber {
    private static final Logger log = LoggerFactory.getLogger(LiveViewer.class);

    enum State { CONNECTING, LIVE, RECONNECTING, OFFLINE }

    private final ServerWebSocket ws;
    private final StreamKey key;
    private final StreamHub hub;
    private final Context context;
    private final LiveSettings settings;
    private final Consumer<LiveSummary> onStop;
    private final Fmp4Muxer muxer = new Fmp4Muxer();
    private final long startNanos = System.nanoTime();

    private Subscription subscription;
    private long timer = -1;
    private State state;
    private boolean stopped;
    private boolean waitKeyframe = true;
    private boolean dropping;
    private boolean badStreamLogged;
    private long lostSinceNanos;
    private long segments;
    private long bytes;
    private long droppedSegments;
    private long droppedByHub;

    LiveViewer(ServerWebSocket ws, StreamKey key, StreamHub hub, Context context, LiveSettings settings,
               Consumer<LiveSummary> onStop) {
        this.ws = ws;
        this.key = key;
        this.hub = hub;
        this.context = context;
        this.settings = settings;
        this.onStop = onStop;
    }

    void start() {
        ws.setWriteQueueMaxSize(settings.writeQueueBytes());
        ws.closeHandler(v -> stop("client closed"));
        ws.exceptionHandler(e -> log.debug("live socket error camera={} stream={}: {}", key.cameraId(), key, e.toString()));
        ws.handler(b -> { }); // the browser has nothing to say; read and discard so its frames do not pile up
        status(State.CONNECTING, "waiting for the first picture");
        Executor onContext = task -> context.runOnContext(v -> task.run());
        try {
            subscription = hub.subscribe(this, onContext);
        } catch (IllegalStateException e) {
            status(State.OFFLINE, "stream closed");
            end("stream closed");
            return;
        }
        timer = context.owner().setPeriodic(settings.statusInterval().toMillis(), id -> checkPull());
        log.info("live view started camera={} stream={}", key.cameraId(), key);
    }

    @Override
    public void onStream(StreamInfo info) {
        if (closedByClient()) {
            return;
        }
        if (!Fmp4Muxer.supports(info.codec())) {
            ws.writeTextMessage(new JsonObject().put("type", "unsupported").put("codec", info.codec())
                    .put("reason", "browsers are sent H.264 or H.265; this camera sends " + info.codec()).encode());
            end("unsupported codec " + info.codec());
            return;
        }
        muxer.stream(info);
        waitKeyframe = true;
        if (state == State.LIVE) {
            status(State.RECONNECTING, "camera reconnected");
        }
    }

    @Override
    public void onPacket(Packet p) {
        if (closedByClient() || waitKeyframe && !p.keyframe()) {
            return;
        }
        if (dropping && !p.keyframe() || ws.writeQueueFull()) {
            dropping = true;
            droppedSegments++;
            return;
        }
        Fmp4Muxer.Fragment f;
        try {
            f = muxer.mux(p);
        } catch (IllegalArgumentException e) { // malformed access unit or parameter sets: wait for a better keyframe
            if (!badStreamLogged) {
                badStreamLogged = true;
                log.warn("live view cannot remux camera={} stream={} (logged once per view): {}", key.cameraId(), key, e.getMessage());
            }
            waitKeyframe = true;
            return;
        }
        if (f == null) {
            return;
        }
        waitKeyframe = false;
        dropping = false;
        if (f.init() != null) {
            TrackFormat t = f.format();
            ws.writeTextMessage(new JsonObject().put("type", "init").put("codec", t.codecString()).put("mime", t.mime())
                    .put("width", t.width()).put("height", t.height()).encode());
            send(f.init());
        }
        send(f.segment());
        segments++;
        lostSinceNanos = 0;
        status(State.LIVE, "");
    }

    @Override
    public void onDropped(long count) {
        droppedByHub += count; // the next packet is a keyframe: nothing to resynchronise here
    }

    /** Stopped, or the socket closed and its close handler has not run yet (writes would throw). */
    private boolean closedByClient() {
        if (!stopped && ws.isClosed()) {
            stop("client closed");
        }
        return stopped;
    }

    private void send(byte[] data) {
        bytes += data.length;
        ws.writeBinaryMessage(Buffer.buffer(data));
    }

    /** What the hub knows about the pull: a camera lost (reconnecting, then offline) or removed. */
    private void checkPull() {
        if (closedByClient()) {
            return;
        }
        if (!hub.running()) { // closed: the camera was deleted or moved to another node
            status(State.OFFLINE, "camera removed");
            end("camera removed");
            return;
        }
        Optional<StreamStats> stats = hub.stats();
        if (stats.isEmpty() || stats.get().connected() || stats.get().lastError() == null) {
            return;
        }
        long now = System.nanoTime();
        if (lostSinceNanos == 0) {
            lostSinceNanos = now;
        }
        boolean longLost = now - lostSinceNanos >= settings.offlineAfter().toNanos();
        status(segments > 0 && !longLost ? State.RECONNECTING : State.OFFLINE, stats.get().lastError());
    }

    private void status(State s, String reason) {
        if (s == state || stopped) {
            return;
        }
        state = s;
        ws.writeTextMessage(new JsonObject().put("type", "status").put("state", s.name().toLowerCase(java.util.Locale.ROOT))
                .put("reason", reason).encode());
    }

    /** The stream ended for good on our side: close the socket; its close handler is not relied on. */
    private void end(String reason) {
        if (!ws.isClosed()) {
            ws.close((short) 1000, reason.length() > 100 ? reason.substring(0, 100) : reason);
        }
        stop(reason);
    }

    private void stop(String reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
        }
        if (subscription != null) {
            subscription.close();
            droppedByHub = Math.max(droppedByHub, subscription.dropped());
        }
        Duration d = Duration.ofNanos(System.nanoTime() - startNanos);
        log.info("live view stopped camera={} stream={} seconds={} segments={} bytes={} droppedSegments={} droppedByHub={} reason=\"{}\"",
                key.cameraId(), key, d.toSeconds(), segments, bytes, droppedSegments, droppedByHub, reason);
        try {
            onStop.accept(new LiveSummary(key, d, segments, bytes, droppedSegments, droppedByHub, reason));
        } catch (RuntimeException e) {
            log.warn("live view stop hook failed camera={} stream={}", key.cameraId(), key, e);
        }
    }
}
