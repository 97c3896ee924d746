package org.sharpeyes.console.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.function.Consumer;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;

/**
 * Live video over WebSocket: fragmented MP4 remuxed from a camera stream's hub, for the browser's
 * Media Source Extensions. Knows nothing of users: the router authenticates, checks the user's
 * scope over the camera and audits the start before it calls {@link #open}, and audits the stop
 * from the hook.
 *
 * <p>Messages to the browser, in order: a text {@code {"type":"status","state":"connecting",...}};
 * then, at the first keyframe, a text {@code {"type":"init","codec","mime","width","height"}}
 * followed by one binary message, the init segment (again whenever the camera's configuration
 * changes: the browser then recreates its SourceBuffer); then binary media segments (moof + mdat,
 * one access unit each); text status messages {@code connecting|live|reconnecting|offline} with a
 * reason when the state changes; {@code {"type":"unsupported","codec","reason"}} for a codec a
 * browser cannot be given (the socket is then closed). See {@link LiveViewer} for timing.
 */
public final class LiveEndpoint {
    private final StreamHubs hubs;
    private final LiveSettings settings;

    public LiveEndpoint(StreamHubs hubs, LiveSettings settings) {
        this.hubs = hubs;
        this.settings = settings;
    }

    /**
     * Starts streaming {@code key} to {@code ws} until either side ends. Call it on the socket's
     * Vert.x context (in the handler that received or upgraded the socket).
     *
     * @param onStop called once, on the socket's context, when the view ends for any reason
     * @throws IllegalStateException when not called on a Vert.x context
     */
    public void open(ServerWebSocket ws, StreamKey key, Consumer<LiveSummary> onStop) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("open must run on the WebSocket's Vert.x context");
        }
        new LiveViewer(ws, key, hubs.hub(key), context, settings, onStop).start();
    }
}
