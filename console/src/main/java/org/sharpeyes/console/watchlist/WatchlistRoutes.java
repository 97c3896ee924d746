package org.sharpeyes.console.watchlist;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.PlateText;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.events.SnapshotSigner;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.console.scope.Scope;

/**
 * {@code /api/watchlist} (investigators keep it; entries belong to their scope unit) and
 * {@code /api/alerts} (operators see and acknowledge the hits in their scope).
 */
public final class WatchlistRoutes {
    private final WatchlistStore store;
    private final AlertStore alerts;
    private final Watchlist live;
    private final Function<UUID, Camera> cameras;
    private final SnapshotSigner signer;
    private final AuditLog audit;
    private final Clock clock;

    /** @param live the analytics watchlist this node matches plates against, kept equal to the table */
    public WatchlistRoutes(WatchlistStore store, AlertStore alerts, Watchlist live, Function<UUID, Camera> cameras,
                           SnapshotSigner signer, AuditLog audit, Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.live = live;
        this.cameras = cameras;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/watchlist").handler(ctx -> Api.blocking(ctx, () -> list(ctx)));
        router.post("/api/watchlist").handler(ctx -> Api.blocking(ctx, 201, () -> add(ctx)));
        router.delete("/api/watchlist/:id").handler(ctx -> Api.blocking(ctx, () -> delete(ctx)));
        router.get("/api/alerts").handler(ctx -> Api.blocking(ctx, () -> alerts(ctx)));
        router.post("/api/alerts/:id/ack").handler(ctx -> Api.blocking(ctx, () -> acknowledge(ctx)));
    }

    private JsonObject list(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.INVESTIGATOR);
        Scope scope = caller.scope();
        JsonArray items = new JsonArray();
        for (WatchlistStore.Stored s : store.all()) {
            if (visible(scope, s)) {
                items.add(toJson(s));
            }
        }
        return new JsonObject().put("items", items).put("next", null);
    }

    private JsonObject add(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.INVESTIGATOR);
        Body b = Body.of(ctx);
        String pattern = PlateText.normalisePattern(b.requiredText("pattern", 16));
        String problem = PlateText.patternProblem(pattern);
        if (problem != null) {
            throw ApiException.invalid("pattern", problem);
        }
        String reason = b.requiredText("reason", 500);
        String caseRef = b.requiredText("caseRef", 100);
        Instant expires = b.instant("expiresAt");
        if (expires != null && !expires.isAfter(clock.instant())) {
            throw ApiException.invalid("expiresAt", "must be in the future");
        }
        Scope scope = caller.scope();
        WatchlistStore.Stored s = store.add(pattern, reason, caseRef, scope.all() ? null : scope.root().id(), caller.username(), expires);
        live.add(s.entry());
        audit.record(caller.username(), "WATCHLIST_ADD", caseRef, new JsonObject().put("id", s.id()).put("pattern", pattern)
                .put("reason", reason));
        return toJson(s);
    }

    private Object delete(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.INVESTIGATOR);
        long id = Params.of(ctx).requiredLong("id");
        WatchlistStore.Stored s = store.get(id);
        if (s == null) {
            throw ApiException.notFound("watchlist entry " + id);
        }
        Scope scope = caller.scope();
        if (s.orgUnitId() == null ? !scope.all() : !scope.contains(s.orgUnitId())) {
            throw ApiException.outOfScope();
        }
        store.delete(id);
        live.remove(WatchlistStore.uuidOf(id));
        audit.record(caller.username(), "WATCHLIST_DELETE", s.caseRef(), new JsonObject().put("id", id).put("pattern", s.pattern()));
        return null;
    }

    private JsonObject alerts(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        Params p = Params.of(ctx);
        int limit = p.limit();
        Long cursor = p.longValue("cursor");
        List<AlertStore.Stored> rows = alerts.list(caller.scope(), p.flag("unacknowledged"),
                cursor == null ? Long.MAX_VALUE : cursor, limit + 1);
        JsonArray items = new JsonArray();
        long userId = caller.user().id();
        for (AlertStore.Stored a : rows.subList(0, Math.min(limit, rows.size()))) {
            Camera c = cameras.apply(a.cameraId());
            items.add(AlertStore.toJson(a, c == null ? null : c.name(), signer.sign(userId, a.snapshotKey()), signer.sign(userId, a.cropKey())));
        }
        String next = rows.size() > limit ? Long.toString(rows.get(limit - 1).id()) : null;
        return new JsonObject().put("items", items).put("next", next);
    }

    private Object acknowledge(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        long id = Params.of(ctx).requiredLong("id");
        AlertStore.Stored a = alerts.get(id);
        if (a == null) {
            throw ApiException.notFound("alert " + id);
        }
        if (!caller.scope().covers(a.placement())) {
            throw ApiException.outOfScope();
        }
        alerts.acknowledge(id, caller.username(), clock.instant());
        audit.record(caller.username(), "ALERT_ACK", a.caseRef(), new JsonObject().put("alertId", id).put("plate", a.plate()));
        return null;
    }

    private static boolean visible(Scope scope, WatchlistStore.Stored s) {
        return s.orgUnitId() == null || scope.contains(s.orgUnitId());
    }

    private static JsonObject toJson(WatchlistStore.Stored s) {
        return new JsonObject().put("id", s.id()).put("pattern", s.pattern()).put("reason", s.reason()).put("caseRef", s.caseRef())
                .put("orgUnitId", s.orgUnitId()).put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString())
                .put("createdBy", s.createdBy()).put("createdAt", s.createdAt().toString());
    }
}
