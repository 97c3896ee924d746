package org.sharpeyes.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.console.live.LiveEndpoint;
import org.sharpeyes.console.live.LiveSettings;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.hub.Subscriber;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;

/**
 * The node side of {@link LiveFanoutBench}, in its own JVM so that its CPU time and memory are the
 * live path's alone: one camera pulled by {@code StreamHubs} (kept pulled by a no-op subscriber, as
 * analytics would), and a Vert.x server whose {@code /api/live/:camera} WebSocket route calls
 * {@link LiveEndpoint}. Prints {@code READY port}, then answers each {@code STAT} line on stdin with
 * {@code STAT cpuNanos rssKiB viewers}; exits when stdin closes.
 *
 * <pre>java ... LiveFanoutNode rtspUrl</pre>
 */
public final class LiveFanoutNode {
    public static void main(String[] args) throws Exception {
        StreamKey key = new StreamKey("0", StreamKey.Profile.MAIN);
        ExecutorService keeper = Executors.newSingleThreadExecutor();
        Vertx vertx = Vertx.vertx();
        try (StreamHubs hubs = new StreamHubs(RtspPuller.opener(k -> args[0], RtspSettings.defaults()), HubSettings.defaults())) {
            hubs.subscribe(key, new Subscriber() {
                @Override
                public void onStream(StreamInfo info) {
                }

                @Override
                public void onPacket(Packet packet) {
                }
            }, keeper);
            LiveEndpoint live = new LiveEndpoint(hubs, LiveSettings.defaults());
            Router router = Router.router(vertx);
            router.get("/api/live/:camera").handler(ctx -> ctx.request().toWebSocket()
                    .onSuccess(ws -> live.open(ws, new StreamKey(ctx.pathParam("camera"), StreamKey.Profile.MAIN), s -> { })));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            System.out.println("READY " + server.actualPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("STAT")) {
                    long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
                    System.out.printf("STAT %d %d %d%n", cpu, ProcStats.kib("/proc/self/status", "VmRSS:"),
                            hubs.hub(key).subscriberCount() - 1);
                    System.out.flush();
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            keeper.shutdownNow();
        }
    }
}
