package org.sharpeyes.console.live;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.sharpeyes.common.Camera;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.cameras.CameraAccess;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Origins;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.gateway.hub.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /api/live/{id}?profile=sub|main}: the camera is looked up in the caller's scope, the
 * start is audited, then the socket is handed to {@link LiveEndpoint}; the stop is audited with
 * what was sent. A refused camera still gets the upgrade and then a close code the page can read
 * (4403 out of scope, 4404 unknown), since browsers hide the status of a failed upgrade.
 */
public final class LiveRoutes {
    private static final Logger log = LoggerFactory.getLogger(LiveRoutes.class);
    static final short OUT_OF_SCOPE = 4403;
    static final short NOT_FOUND = 4404;

    private final LiveEndpoint live;
    private final CameraAccess access;
    private final AuditLog audit;

    public LiveRoutes(LiveEndpoint live, CameraAccess access, AuditLog audit) {
        this.live = live;
        this.access = access;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/api/live/:id").handler(this::open);
    }

    private void open(RoutingContext ctx) {
        if (!Origins.sameOrigin(ctx)) {
            Api.error(ctx, 403, "FORBIDDEN", "cross-origin WebSocket refused", null);
            return;
        }
        Caller caller = Caller.of(ctx);
        String profile;
        try {
            profile = Params.of(ctx).text("profile") == null ? "sub" : Params.of(ctx).text("profile");
            if (!profile.equals("sub") && !profile.equals("main")) {
                throw ApiException.invalid("profile", "sub or main");
            }
        } catch (ApiException e) {
            Api.fail(ctx, e);
            return;
        }
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> {
            Camera c = access.get(caller, Params.of(ctx).requiredUuid("id"));
            // No sub stream: every tile plays the main one.
            StreamKey key = new StreamKey(c.id().toString(),
                    profile.equals("main") || c.subUrl() == null ? StreamKey.Profile.MAIN : StreamKey.Profile.SUB);
            audit.record(caller.username(), "LIVE_VIEW_START", null, new JsonObject().put("cameraId", c.id().toString())
                    .put("camera", c.name()).put("profile", key.profile().name()));
            return key;
        }, false).onComplete(looked -> {
            ctx.request().resume();
            ctx.request().toWebSocket().onFailure(e -> log.debug("live websocket upgrade failed: {}", e.getMessage()))
                    .onSuccess(ws -> {
                        if (looked.failed()) {
                            short code = looked.cause() instanceof ApiException a && a.status() == 403 ? OUT_OF_SCOPE : NOT_FOUND;
                            if (!(looked.cause() instanceof ApiException)) {
                                log.error("live view lookup failed", looked.cause());
                            }
                            ws.close(code, looked.cause().getMessage());
                            return;
                        }
                        live.open(ws, looked.result(), summary -> stopped(caller, summary));
                    });
        });
    }

    private void stopped(Caller caller, LiveSummary s) {
        JsonObject detail = new JsonObject().put("cameraId", s.key().cameraId()).put("profile", s.key().profile().name())
                .put("seconds", s.duration().toSeconds()).put("segments", s.segments()).put("bytes", s.bytes())
                .put("dropped", s.droppedSegments() + s.droppedByHub()).put("reason", s.reason());
        io.vertx.core.Vertx.currentContext().owner().executeBlocking(() -> {
            audit.record(caller.username(), "LIVE_VIEW_STOP", null, detail);
            return null;
        }, false).onFailure(e -> log.error("cannot audit live view stop user={} camera={}", caller.username(), s.key().cameraId(), e));
    }
}
