package org.sharpeyes.console.cameras;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.sharpeyes.common.Camera;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.gateway.onvif.Credentials;
import org.sharpeyes.gateway.onvif.DiscoveredDevice;
import org.sharpeyes.gateway.onvif.DiscoveryTarget;
import org.sharpeyes.gateway.onvif.OnvifClient;
import org.sharpeyes.gateway.onvif.OnvifSettings;
import org.sharpeyes.gateway.onvif.Profile;
import org.sharpeyes.gateway.onvif.PtzVelocity;
import org.sharpeyes.gateway.onvif.WsDiscovery;

/**
 * PTZ of ONVIF cameras (operators and up) and ONVIF discovery (admins). SOAP runs on the
 * event loop through the gateway's asynchronous client, bounded in time; only the registry
 * lookups block (on a worker).
 */
public final class PtzRoutes {
    /** A continuous move stops by itself after this long if the browser never sends stop. */
    static final Duration MOVE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DISCOVERY_WINDOW = Duration.ofSeconds(3);

    private record Ptz(OnvifClient client, String profileToken) {
    }

    private final Vertx vertx;
    private final HttpClient http;
    private final CameraAccess access;
    private final AuditLog audit;
    private final Map<UUID, Future<Ptz>> clients = new ConcurrentHashMap<>();

    public PtzRoutes(Vertx vertx, CameraAccess access, AuditLog audit) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient();
        this.access = access;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.post("/api/cameras/:id/ptz/move").handler(ctx -> {
            Body b;
            PtzVelocity v;
            try {
                b = Body.of(ctx);
                v = new PtzVelocity(b.number("pan", -1, 1), b.number("tilt", -1, 1), b.has("zoom") ? b.number("zoom", -1, 1) : 0);
            } catch (RuntimeException e) {
                Api.fail(ctx, e instanceof IllegalArgumentException && !(e instanceof ApiException)
                        ? ApiException.invalid("pan", e.getMessage()) : e);
                return;
            }
            control(ctx, "PTZ_MOVE", new JsonObject().put("pan", v.pan()).put("tilt", v.tilt()).put("zoom", v.zoom()),
                    p -> p.client().continuousMove(p.profileToken(), v, MOVE_TIMEOUT).map(x -> null));
        });
        router.post("/api/cameras/:id/ptz/stop").handler(ctx -> control(ctx, null, null,
                p -> p.client().stop(p.profileToken()).map(x -> null)));
        router.get("/api/cameras/:id/ptz/presets").handler(ctx -> control(ctx, null, null,
                p -> p.client().presets(p.profileToken()).map(list -> {
                    JsonArray out = new JsonArray();
                    list.forEach(preset -> out.add(new JsonObject().put("token", preset.token()).put("name", preset.name())));
                    return (Object) out;
                })));
        router.post("/api/cameras/:id/ptz/presets/:token/goto").handler(ctx -> {
            String token = ctx.pathParam("token");
            control(ctx, "PTZ_PRESET", new JsonObject().put("preset", token),
                    p -> p.client().gotoPreset(p.profileToken(), token).map(x -> null));
        });
        router.post("/api/onvif/discover").handler(this::discover);
    }

    /** Looks the camera up (scope-checked), audits, then runs the SOAP call; a failed client is dropped so the next call starts afresh. */
    private void control(RoutingContext ctx, String auditAction, JsonObject detail, Function<Ptz, Future<Object>> call) {
        Caller caller = Caller.of(ctx);
        vertx.executeBlocking(() -> {
            caller.require(Role.OPERATOR);
            Camera camera = access.get(caller, Params.of(ctx).requiredUuid("id"));
            if (camera.onvifUrl() == null) {
                throw ApiException.invalid("id", "this camera has no ONVIF address, so no PTZ");
            }
            if (auditAction != null) {
                audit.record(caller.username(), auditAction, null, detail.copy().put("cameraId", camera.id().toString()));
            }
            return camera;
        }, false).compose(camera -> ptz(camera).compose(call).onFailure(e -> clients.remove(camera.id())))
                .onSuccess(result -> Api.json(ctx, 200, result))
                .onFailure(e -> Api.fail(ctx, e instanceof ApiException ? e
                        : new ApiException(502, "CAMERA_ERROR", "the camera did not do it: " + e.getMessage(), null)));
    }

    private Future<Ptz> ptz(Camera camera) {
        return clients.computeIfAbsent(camera.id(), id -> vertx.executeBlocking(() -> access.registry().login(id)
                        .map(c -> new Credentials(c.user(), c.password())).orElse(null), false)
                .compose(login -> {
                    OnvifClient client = new OnvifClient(vertx, http, URI.create(camera.onvifUrl()), login, OnvifSettings.DEFAULT);
                    return client.readClock().compose(clock -> client.profiles()).map(profiles -> new Ptz(client, profiles.stream()
                            .filter(Profile::ptz).findFirst()
                            .orElseThrow(() -> ApiException.invalid("id", "the camera has no PTZ profile")).token()));
                }));
    }

    private void discover(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        DiscoveryTarget target;
        try {
            caller.require(Role.ADMIN);
            Body b = ctx.body().length() == 0 ? null : Body.of(ctx);
            String host = b == null ? null : b.text("host", 255);
            String nic = b == null ? null : b.text("interface", 32);
            Long port = b == null ? null : b.whole("port");
            if (port != null && (port < 1 || port > 65535)) {
                throw ApiException.invalid("port", "1 to 65535");
            }
            target = host != null ? DiscoveryTarget.unicast(host, port == null ? WsDiscovery.PORT : port.intValue())
                    : DiscoveryTarget.multicast(nic);
        } catch (RuntimeException e) {
            Api.fail(ctx, e instanceof ApiException ? e : ApiException.invalid("host", e.getMessage()));
            return;
        }
        vertx.executeBlocking(() -> {
            audit.record(caller.username(), "ONVIF_DISCOVER", null, new JsonObject().put("target", target.toString()));
            return null;
        }, false).compose(x -> WsDiscovery.probe(vertx, target, DISCOVERY_WINDOW)).onSuccess(found -> {
            JsonArray out = new JsonArray();
            for (DiscoveredDevice d : found) {
                out.add(new JsonObject().put("endpoint", d.endpoint()).put("xaddrs", new JsonArray(d.xaddrs()))
                        .put("scopes", new JsonArray(d.scopes())).put("types", new JsonArray(d.types())).put("from", d.from()));
            }
            Api.json(ctx, 200, out);
        }).onFailure(e -> Api.fail(ctx, e instanceof ApiException ? e : new ApiException(502, "DISCOVERY_FAILED", e.getMessage(), null)));
    }
}
