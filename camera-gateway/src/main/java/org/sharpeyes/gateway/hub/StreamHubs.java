package org.sharpeyes.gateway.hub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

/**
 * The hubs of one gateway node, one per camera stream, created on first use. Wiring:
 * {@code new StreamHubs(RtspPuller.opener(urls, rtspSettings), hubSettings)}.
 */
public final class StreamHubs implements AutoCloseable {
    private final BiFunction<StreamKey, Subscriber, StreamSource> opener;
    private final HubSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-hub-idle");
        t.setDaemon(true);
        return t;
    });
    private final Map<StreamKey, StreamHub> hubs = new ConcurrentHashMap<>();

    /** @param opener starts pulling one stream into a sink; see {@code RtspPuller.opener} */
    public StreamHubs(BiFunction<StreamKey, Subscriber, StreamSource> opener, HubSettings settings) {
        this.opener = opener;
        this.settings = settings;
    }

    public StreamHub hub(StreamKey key) {
        return hubs.computeIfAbsent(key, k -> new StreamHub(k.toString(), sink -> opener.apply(k, sink), settings, timer));
    }

    /** Subscribes to a camera stream, starting its pull if needed. */
    public Subscription subscribe(StreamKey key, Subscriber subscriber, Executor executor) {
        return hub(key).subscribe(subscriber, executor);
    }

    /** Stats of every stream being pulled now. */
    public Map<StreamKey, StreamStats> stats() {
        Map<StreamKey, StreamStats> out = new LinkedHashMap<>();
        hubs.forEach((k, h) -> h.stats().ifPresent(s -> out.put(k, s)));
        return out;
    }

    /** The camera was deleted or moved to another node: stop its streams, drop its subscribers. */
    public void remove(String cameraId) {
        hubs.entrySet().removeIf(e -> {
            if (e.getKey().cameraId().equals(cameraId)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        hubs.values().forEach(StreamHub::close);
        hubs.clear();
        timer.shutdownNow();
    }
}
