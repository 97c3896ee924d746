package org.sharpeyes.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;
import org.sharpeyes.gateway.testing.RtspCamera;

/** The protocol against a real browser's Media Source Extensions: headless Chromium plays the live stream. */
class LiveInBrowserTest {
    @TempDir
    Path dir;

    @Test
    void chromiumPlaysTheLiveStreamFromTheGopCacheAtTheLiveEdge() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().size(640, 360));
             StreamHubs hubs = new StreamHubs(RtspPuller.opener(k -> cam.url(), RtspSettings.defaults()), HubSettings.defaults())) {
            LiveEndpoint live = new LiveEndpoint(hubs, LiveSettings.defaults());
            Buffer page;
            try (InputStream in = getClass().getResourceAsStream("live-client.html")) {
                page = Buffer.buffer(in.readAllBytes());
            }
            Router router = Router.router(vertx);
            router.get("/live-client.html").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html").end(page));
            router.get("/api/live/:camera").handler(ctx -> ctx.request().toWebSocket()
                    .onSuccess(ws -> live.open(ws, new StreamKey(ctx.pathParam("camera"), StreamKey.Profile.MAIN), s -> { })));
            HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // the stream is already pulled (another viewer, analytics): the hub has a GOP cached
            LiveClient other = LiveClient.connect(vertx, server.actualPort(), "/api/live/c", 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> other.segments() > 35);

            String url = "http://127.0.0.1:" + server.actualPort() + "/live-client.html?path=/api/live/c";
            try (Chromium chromium = Chromium.open(url, dir.resolve("profile"))) {
                JsonObject[] r = new JsonObject[1];
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                    Object v = chromium.evaluate("JSON.stringify(window.liveResult || null)");
                    r[0] = v == null || "null".equals(v) ? null : new JsonObject((String) v);
                    return r[0] != null && (r[0].getInteger("frames") >= 75 || !r[0].getJsonArray("errors").isEmpty());
                });
                System.out.println("browser: " + r[0].encode());
                assertThat(r[0].getJsonArray("errors")).as("errors in the page").isEmpty();
                assertThat(r[0].getString("codec")).startsWith("avc1.");
                assertThat(r[0].getInteger("videoWidth")).isEqualTo(640);
                assertThat(r[0].getJsonArray("states").stream().map(String::valueOf).toList()).containsExactly("connecting", "live");
                // typically 0.6 s from the page's script to the first picture (0.2 s of it the WebSocket handshake);
                // the bound leaves room for a loaded machine, where the headless browser itself is slow
                assertThat(r[0].getDouble("firstFrameMs")).as("first picture after the page started, ms").isLessThan(3000.0);
                assertThat(r[0].getDouble("lag")).as("seconds behind the newest buffered frame").isLessThan(1.5);
                assertThat(r[0].getBoolean("paused")).isFalse();
            }
            other.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
