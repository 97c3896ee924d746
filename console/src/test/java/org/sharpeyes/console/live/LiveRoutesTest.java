package org.sharpeyes.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.MultiMap;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.common.Camera;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.testing.Browser;
import org.sharpeyes.console.testing.ConsoleFixture;
import org.sharpeyes.gateway.hub.HubSettings;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.rtsp.RtspPuller;
import org.sharpeyes.gateway.rtsp.RtspSettings;
import org.sharpeyes.gateway.testing.RtspCamera;

/** The live route in front of {@link LiveEndpoint}: session, scope, origin and audit, on a real GStreamer camera. */
class LiveRoutesTest {
    static RtspCamera cam;
    static StreamHubs hubs;
    static ConsoleFixture fx;
    static Camera mine;
    static Camera theirs;
    static Browser admin;
    static Browser local;

    @BeforeAll
    static void start() throws Exception {
        cam = RtspCamera.start(RtspCamera.Options.h264().size(640, 360));
        hubs = new StreamHubs(RtspPuller.opener(k -> cam.url(), RtspSettings.defaults()), HubSettings.defaults());
        fx = new ConsoleFixture(ConsoleSettings.DEFAULTS, hubs);
        mine = fx.camera("本区", 0);
        theirs = fx.camera("他区", 1);
        admin = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
        admin.post("/api/users", new JsonObject().put("username", "op0").put("password", "operator-zero-pw")
                .put("role", "OPERATOR").put("scopeOrgId", fx.tree.districts().get(0)));
        local = new Browser(fx).login("op0", "operator-zero-pw");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
        hubs.close();
        cam.close();
    }

    @Test
    void anInScopeViewStreamsAndItsStartAndStopAreAudited() throws Exception {
        List<Object> got = new CopyOnWriteArrayList<>();
        // The handler goes on in the connect callback, on the socket's event loop, so no message slips by.
        WebSocket ws = connectAsync(local, "/api/live/" + mine.id() + "?profile=sub", null)
                .onSuccess(s -> s.handler(got::add)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).until(() -> got.size() >= 5);
        assertThat(got.stream().map(Object::toString).filter(s -> s.contains("\"type\":\"init\"")).findFirst()).isPresent();
        ws.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/api/audit?limit=100").body().contains("LIVE_VIEW_STOP"));
        String audit = admin.get("/api/audit?limit=100").body();
        assertThat(audit).contains("LIVE_VIEW_START").contains(mine.id().toString());
    }

    @Test
    void anOutOfScopeCameraClosesWith4403AndAnUnknownOneWith4404() throws Exception {
        assertThat(closeCode(local, "/api/live/" + theirs.id())).isEqualTo((short) 4403);
        assertThat(closeCode(local, "/api/live/" + java.util.UUID.randomUUID())).isEqualTo((short) 4404);
    }

    @Test
    void aWebSocketFromAnotherSiteIsRefused() {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        connectAsync(local, "/api/live/" + mine.id(), "https://evil.example").onComplete(r -> failed.complete(r.cause()));
        assertThat(failed.join()).isNotNull();
    }

    @Test
    void aSnapshotPreviewIsAJpegOfTheLivePicture() throws Exception {
        HttpResponse<byte[]> r = local.getBytes("/api/cameras/" + mine.id() + "/snapshot");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()[0]).isEqualTo((byte) 0xFF);
        assertThat(r.body()[1]).isEqualTo((byte) 0xD8);
        assertThat(local.getBytes("/api/cameras/" + theirs.id() + "/snapshot").statusCode()).isEqualTo(403);
    }

    private static short closeCode(Browser who, String path) throws Exception {
        CompletableFuture<Short> code = new CompletableFuture<>();
        connectAsync(who, path, null).onSuccess(ws -> ws.closeHandler(v -> code.complete(ws.closeStatusCode())));
        return code.get(10, TimeUnit.SECONDS);
    }

    private static io.vertx.core.Future<WebSocket> connectAsync(Browser who, String path, String origin) {
        WebSocketClient client = fx.vertx.createWebSocketClient();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        StringBuilder cookie = new StringBuilder();
        for (HttpCookie c : who.cookies().getCookieStore().getCookies()) {
            cookie.append(c.getName()).append('=').append(c.getValue()).append("; ");
        }
        headers.add("Cookie", cookie.toString());
        if (origin != null) {
            headers.add("Origin", origin);
        }
        return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(fx.console.port()).setURI(path)
                .setHeaders(headers));
    }
}
