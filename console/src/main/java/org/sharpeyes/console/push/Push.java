package org.sharpeyes.console.push;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Detection;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.events.EventJson;
import org.sharpeyes.console.events.SnapshotSigner;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.Origins;
import org.sharpeyes.console.scope.Scope;
import org.sharpeyes.console.watchlist.AlertStore;
import org.sharpeyes.gateway.health.HealthUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /api/events/ws}: events, watchlist alerts and camera status changes pushed to every
 * connected console whose scope holds the camera. A browser that does not keep up loses pushes
 * (counted), never slows analytics: messages are dropped while its socket's write queue is full.
 */
public final class Push {
    private static final Logger log = LoggerFactory.getLogger(Push.class);

    private record Client(ServerWebSocket ws, long userId, Scope scope) {
    }

    private final Vertx vertx;
    private final Function<java.util.UUID, Camera> cameras;
    private final SnapshotSigner signer;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();

    /** @param cameras camera by id, or null when unknown; blocking (called on worker threads) */
    public Push(Vertx vertx, Function<java.util.UUID, Camera> cameras, SnapshotSigner signer) {
        this.vertx = vertx;
        this.cameras = cameras;
        this.signer = signer;
    }

    public void mount(Router router) {
        router.get("/api/events/ws").handler(this::open);
    }

    private void open(RoutingContext ctx) {
        if (!Origins.sameOrigin(ctx)) {
            Api.error(ctx, 403, "FORBIDDEN", "cross-origin WebSocket refused", null);
            return;
        }
        Caller caller = Caller.of(ctx);
        ctx.request().pause();
        vertx.executeBlocking(caller::scope, false).onComplete(scoped -> {
            ctx.request().resume();
            if (scoped.failed()) {
                Api.fail(ctx, scoped.cause());
                return;
            }
            ctx.request().toWebSocket().onSuccess(ws -> {
                Client client = new Client(ws, caller.user().id(), scoped.result());
                clients.add(client);
                ws.closeHandler(v -> clients.remove(client));
                ws.exceptionHandler(e -> clients.remove(client));
            }).onFailure(e -> log.debug("events websocket upgrade failed: {}", e.getMessage()));
        });
    }

    /** From any thread; returns at once. */
    public void onEvent(Detection d) {
        if (clients.isEmpty()) {
            return;
        }
        vertx.executeBlocking(() -> cameras.apply(d.cameraId()), false).onSuccess(camera -> {
            for (Client c : clients) {
                if (c.scope().covers(d.placement())) {
                    send(c, new JsonObject().put("type", "event").put("event", EventJson.toJson(d, camera, c.userId(), signer)));
                }
            }
        });
    }

    /** From any thread; returns at once. */
    public void onAlert(AlertStore.Stored a) {
        vertx.executeBlocking(() -> cameras.apply(a.cameraId()), false).onSuccess(camera -> {
            for (Client c : clients) {
                if (c.scope().covers(a.placement())) {
                    send(c, new JsonObject().put("type", "alert").put("alert", AlertStore.toJson(a, camera == null ? null : camera.name(),
                            signer.sign(c.userId(), a.snapshotKey()), signer.sign(c.userId(), a.cropKey()))));
                }
            }
        });
    }

    /** Status changes only: samples would flood a wall of thousands of cameras. */
    public void onHealth(HealthUpdate u) {
        if (!u.changed() || clients.isEmpty()) {
            return;
        }
        vertx.executeBlocking(() -> cameras.apply(u.health().cameraId()), false).onSuccess(camera -> {
            if (camera == null) {
                return;
            }
            JsonObject msg = new JsonObject().put("type", "health").put("cameraId", camera.id().toString())
                    .put("status", u.health().status().name())
                    .put("reason", u.health().reasons().isEmpty() ? null : String.join("; ", u.health().reasons()));
            for (Client c : clients) {
                if (c.scope().contains(camera.orgUnitId())) {
                    send(c, msg);
                }
            }
        });
    }

    public long dropped() {
        return dropped.get();
    }

    private void send(Client c, JsonObject msg) {
        if (c.ws().writeQueueFull()) {
            dropped.incrementAndGet();
            return;
        }
        c.ws().writeTextMessage(msg.encode());
    }
}
