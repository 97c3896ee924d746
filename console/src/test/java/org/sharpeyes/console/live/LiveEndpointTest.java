package org.sharpeyes.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;
import org.sharpeyes.gateway.hub.StreamSource;
import org.sharpeyes.gateway.hub.StreamStats;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;
import org.sharpeyes.gateway.testing.Recorder;
import org.sharpeyes.gateway.testing.RtspCamera;

/**
 * End to end on real parts: a GStreamer RTSP camera, the gateway's hubs pulling it, a Vert.x
 * server whose WebSocket route calls {@link LiveEndpoint}, and Vert.x WebSocket clients as browsers.
 */
class LiveEndpointTest {
    static final StreamKey KEY = new StreamKey("c", StreamKey.Profile.MAIN);

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService warmPool = Executors.newSingleThreadExecutor();
    private final LinkedBlockingQueue<LiveSummary> stops = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws Exception {
        warmPool.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The route the console's router will have, minus authentication, scope checks and audit. */
    private int serve(StreamHubs hubs, LiveSettings settings, HttpServerOptions options) throws Exception {
        LiveEndpoint live = new LiveEndpoint(hubs, settings);
        Router router = Router.router(vertx);
        router.get("/api/live/:camera").handler(ctx -> ctx.request().toWebSocket()
                .onSuccess(ws -> live.open(ws, new StreamKey(ctx.pathParam("camera"), StreamKey.Profile.MAIN), stops::add))
                .onFailure(ctx::fail));
        HttpServer server = vertx.createHttpServer(options).requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static StreamHubs hubs(RtspCamera cam) {
        return new StreamHubs(RtspPuller.opener(k -> cam.url(), RtspSettings.defaults()), HubSettings.defaults());
    }

    /** Another subscriber (analytics, say) keeps the stream pulled, so the hub has a GOP cached. */
    private Recorder warm(StreamHubs hubs) {
        Recorder r = new Recorder();
        hubs.subscribe(KEY, r, warmPool);
        await().atMost(Duration.ofSeconds(20)).until(() -> r.packets.size() > 35); // mid-GOP
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264", "h265"})
    void aViewerGetsInitAndSegmentsAtOnceFromTheGopCacheAndTheyDecodeFrameForFrame(String codec) throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264().codec(codec).size(640, 360));
             StreamHubs hubs = hubs(cam)) {
            int port = serve(hubs, LiveSettings.defaults(), new HttpServerOptions());
            warm(hubs);
            LiveClient client = LiveClient.connect(vertx, port, "/api/live/c", 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.segments() >= 60);
            client.close();

            List<LiveClient.Message> m = client.messages;
            assertThat(m.get(0).json().getString("state")).isEqualTo("connecting");
            assertThat(m.get(1).type()).isEqualTo("init");
            assertThat(m.get(1).json().getInteger("width")).isEqualTo(640);
            assertThat(m.get(1).json().getInteger("height")).isEqualTo(360);
            String codecString = m.get(1).json().getString("codec");
            assertThat(codecString).startsWith(codec.equals("h264") ? "avc1." : "hvc1.");
            assertThat(m.get(1).json().getString("mime")).isEqualTo("video/mp4; codecs=\"" + codecString + "\"");
            assertThat(LiveClient.isInit(m.get(2).data())).as("init segment follows the init message").isTrue();
            assertThat(m.get(3).type()).as("then media").isEqualTo("binary");
            assertThat(m.get(4).json().getString("state")).isEqualTo("live");
            assertThat(client.binaries().stream().filter(b -> LiveClient.isInit(b.data()))).hasSize(1);
            long firstMs = TimeUnit.NANOSECONDS.toMillis(m.get(3).nanos() - client.connectNanos);
            System.out.printf("%s: first segment %d ms after connect%n", codec, firstMs);
            assertThat(firstMs).as("time to first segment, ms").isLessThan(1500);

            Path file = client.save(dir.resolve("live-" + codec + ".mp4"));
            String[] probe = Tools.probe(file);
            assertThat(probe[0]).isEqualTo(codec.equals("h264") ? "h264" : "hevc");
            assertThat(probe[1]).isEqualTo("640");
            assertThat(probe[2]).isEqualTo("360");
            assertThat(Long.parseLong(probe[3])).as("frames decoded = segments received").isEqualTo(client.segments());
            assertThat(Tools.decodeErrors(file)).as("decoding errors").isEmpty();

            LiveSummary s = stops.poll(10, TimeUnit.SECONDS);
            assertThat(s).isNotNull();
            assertThat(s.reason()).isEqualTo("client closed");
            assertThat(s.segments()).isGreaterThanOrEqualTo(client.segments());
            assertThat(hubs.hub(KEY).subscriberCount()).as("only the warm-up subscriber is left").isEqualTo(1);
        }
    }

    @Test
    void aViewerThatNeverReadsDropsItsOwnSegmentsAndDoesNotDelayAnother() throws Exception {
        // noise is expensive to encode: ~2 Mbit/s fills small socket buffers within seconds
        RtspCamera.Options noisy = new RtspCamera.Options("h264", 1, null, false, 640, 360, 25, 25, 2000, null, null, "snow");
        try (RtspCamera cam = RtspCamera.start(noisy); StreamHubs hubs = hubs(cam)) {
            LiveSettings tight = new LiveSettings(64 * 1024, Duration.ofSeconds(1), Duration.ofSeconds(10));
            int port = serve(hubs, tight, new HttpServerOptions().setSendBufferSize(32 * 1024));
            warm(hubs);
            LiveClient slow = LiveClient.connect(vertx, port, "/api/live/c", 32 * 1024);
            slow.pause();
            Thread.sleep(3000); // its buffers are full by now

            LiveClient fast = LiveClient.connect(vertx, port, "/api/live/c", 0);
            Thread.sleep(3000);
            long fastSegments = fast.segments();
            long firstMs = TimeUnit.NANOSECONDS.toMillis(fast.binaries().get(1).nanos() - fast.connectNanos);
            System.out.printf("slow/fast: fast viewer first segment %d ms, %d segments in 3 s; slow received %d%n",
                    firstMs, fastSegments, slow.segments());
            assertThat(firstMs).isLessThan(1500);
            assertThat(fastSegments).as("fast viewer keeps up at 25 fps").isGreaterThanOrEqualTo(60);

            assertThat(hubs.hub(KEY).subscriberCount()).isEqualTo(3);
            slow.close();
            fast.close();
            LiveSummary a = stops.poll(10, TimeUnit.SECONDS);
            LiveSummary b = stops.poll(10, TimeUnit.SECONDS);
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
            LiveSummary slowSummary = a.droppedSegments() > b.droppedSegments() ? a : b;
            LiveSummary fastSummary = slowSummary == a ? b : a;
            System.out.println("slow: " + slowSummary + "\nfast: " + fastSummary);
            assertThat(slowSummary.droppedSegments()).as("slow viewer dropped segments").isPositive();
            assertThat(fastSummary.droppedSegments()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> hubs.hub(KEY).subscriberCount() == 1);
        }
    }

    @Test
    void aLostCameraIsReportedReconnectingThenLiveAgainAndARemovedOneOfflineWithTheSocketClosed() throws Exception {
        try (RtspCamera cam = RtspCamera.start(RtspCamera.Options.h264()); StreamHubs hubs = hubs(cam)) {
            LiveSettings quick = new LiveSettings(1 << 20, Duration.ofMillis(200), Duration.ofSeconds(30));
            int port = serve(hubs, quick, new HttpServerOptions());
            LiveClient client = LiveClient.connect(vertx, port, "/api/live/c", 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> client.segments() > 10);

            cam.kill();
            await().atMost(Duration.ofSeconds(15)).until(() -> states(client).contains("reconnecting"));
            cam.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> states(client).lastIndexOf("live") > states(client).indexOf("reconnecting"));
            long before = client.segments();
            await().atMost(Duration.ofSeconds(5)).until(() -> client.segments() > before + 10);

            hubs.remove("c");
            await().atMost(Duration.ofSeconds(5)).until(client::closed);
            assertThat(states(client)).endsWith("offline");
            System.out.println("states: " + states(client));
            LiveSummary s = stops.poll(5, TimeUnit.SECONDS);
            assertThat(s).isNotNull();
            assertThat(s.reason()).isEqualTo("camera removed");
        }
    }

    @Test
    void anUnreachableCameraIsReportedOfflineWithTheGatewaysReasonAndTheViewWaitsForIt() throws Exception {
        try (StreamHubs hubs = new StreamHubs(RtspPuller.opener(k -> "rtsp://127.0.0.1:1/cam0", RtspSettings.defaults()),
                HubSettings.defaults())) {
            int port = serve(hubs, new LiveSettings(1 << 20, Duration.ofMillis(200), Duration.ofSeconds(10)), new HttpServerOptions());
            LiveClient client = LiveClient.connect(vertx, port, "/api/live/c", 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> states(client).contains("offline"));
            LiveClient.Message offline = client.texts().get(1);
            assertThat(offline.json().getString("reason")).startsWith("UNREACHABLE");
            assertThat(client.closed()).as("the gateway keeps retrying; the view stays open").isFalse();
            client.close();
            assertThat(stops.poll(5, TimeUnit.SECONDS).reason()).isEqualTo("client closed");
        }
    }

    @Test
    void aCameraInAnotherCodecIsAnnouncedUnsupportedAndTheSocketClosed() throws Exception {
        StreamInfo mjpeg = new StreamInfo(7, "mjpeg", 640, 480, new byte[0], 25);
        try (StreamHubs hubs = new StreamHubs((k, sink) -> {
            sink.onStream(mjpeg);
            sink.onPacket(new Packet(0, 0, true, new byte[] {(byte) 0xFF, (byte) 0xD8}, System.nanoTime()));
            return new StreamSource() {
                @Override
                public StreamStats stats() {
                    return new StreamStats(true, "mjpeg", 640, 480, 25, 1000, null, 0, null, null);
                }

                @Override
                public void close() {
                }
            };
        }, HubSettings.defaults())) {
            int port = serve(hubs, LiveSettings.defaults(), new HttpServerOptions());
            LiveClient client = LiveClient.connect(vertx, port, "/api/live/c", 0);
            await().atMost(Duration.ofSeconds(5)).until(client::closed);
            assertThat(client.texts()).extracting(LiveClient.Message::type).containsExactly("status", "unsupported");
            assertThat(client.texts().get(1).json().getString("codec")).isEqualTo("mjpeg");
            assertThat(client.binaries()).isEmpty();
            assertThat(stops.poll(5, TimeUnit.SECONDS).reason()).isEqualTo("unsupported codec mjpeg");
            assertThat(hubs.hub(KEY).subscriberCount()).isZero();
        }
    }

    private static List<String> states(LiveClient c) {
        return c.texts().stream().filter(m -> m.type().equals("status")).map(m -> m.json().getString("state")).toList();
    }
}
