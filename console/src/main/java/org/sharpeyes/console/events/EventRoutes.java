package org.sharpeyes.console.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.Detection;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.SnapshotStore;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.console.scope.Scope;
import org.sharpeyes.storage.CountQuery;
import org.sharpeyes.storage.EventQuery;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.GridCount;
import org.sharpeyes.storage.Page;
import org.sharpeyes.storage.PlateMatch;

/** Investigators' reads: event search, heat map, a plate's trajectory, and snapshot files. All audited. */
public final class EventRoutes {
    /** Sightings a trajectory shows at most (newest kept when there are more). */
    static final int TRAJECTORY_MAX = EventQuery.MAX_LIMIT;

    private final EventSearch search;
    private final Function<UUID, Camera> cameras;
    private final SnapshotStore snapshots;
    private final SnapshotSigner signer;
    private final AuditLog audit;

    public EventRoutes(EventSearch search, Function<UUID, Camera> cameras, SnapshotStore snapshots, SnapshotSigner signer, AuditLog audit) {
        this.search = search;
        this.cameras = cameras;
        this.snapshots = snapshots;
        this.signer = signer;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/api/events").handler(ctx -> Api.blocking(ctx, () -> search(ctx)));
        router.get("/api/events/heatmap").handler(ctx -> Api.blocking(ctx, () -> heatmap(ctx)));
        router.get("/api/trajectory").handler(ctx -> Api.blocking(ctx, () -> trajectory(ctx)));
        router.get("/api/snapshots/:token").handler(this::snapshot);
    }

    private JsonObject search(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.INVESTIGATOR);
        Params p = Params.of(ctx);
        EventFilter filter = EventFilter.parse(p);
        Page<Detection> page = search.search(filter.query(caller, p.limit(), p.text("cursor")));
        audit.record(caller.username(), "SEARCH", filter.caseRef(), filter.toJson().put("results", page.items().size()));
        return new JsonObject().put("items", toJson(page.items(), caller)).put("next", page.next());
    }

    private JsonArray heatmap(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.INVESTIGATOR);
        Params p = Params.of(ctx);
        Scope scope = caller.scope();
        CountQuery q = new CountQuery(p.requiredInstant("from"), p.requiredInstant("to"), p.enumValue("kind", DetectionKind.class),
                scope.all() ? List.of() : List.of(scope.tierCode()));
        JsonArray out = new JsonArray();
        for (GridCount c : search.gridCounts(q)) {
            out.add(new JsonObject().put("gridCode", c.gridCode()).put("kind", c.kind().name()).put("count", c.count()));
        }
        audit.record(caller.username(), "HEATMAP", null, new JsonObject().put("from", q.from().toString()).put("to", q.to().toString())
                .put("kind", q.kind() == null ? null : q.kind().name()).put("results", out.size()));
        return out;
    }

    private JsonObject trajectory(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.INVESTIGATOR);
        Params p = Params.of(ctx);
        String plate = p.requiredText("plate");
        String caseRef = EventFilter.caseRef(p);
        Instant to = p.instant("to") == null ? Instant.now() : p.instant("to");
        EventFilter filter = new EventFilter(p.requiredInstant("from"), to, DetectionKind.PLATE, plate, PlateMatch.Mode.EXACT,
                null, null, null, null, caseRef);
        Page<Detection> page = search.search(filter.query(caller, TRAJECTORY_MAX, null));
        List<Detection> ascending = new ArrayList<>(page.items());
        Collections.reverse(ascending);
        audit.record(caller.username(), "TRAJECTORY", caseRef, filter.toJson().put("results", ascending.size()));
        return new JsonObject().put("plate", plate).put("sightings", toJson(ascending, caller)).put("truncated", page.next() != null);
    }

    private void snapshot(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String key = signer.verify(caller.user().id(), ctx.pathParam("token"));
        if (key == null) {
            Api.fail(ctx, ApiException.notFound("snapshot"));
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            byte[] jpeg = snapshots.read(key);
            audit.record(caller.username(), "SNAPSHOT_VIEW", null, new JsonObject().put("key", key));
            return jpeg;
        }, false).onSuccess(jpeg -> ctx.response().putHeader("Content-Type", "image/jpeg")
                .putHeader("Cache-Control", "private, max-age=3600").end(Buffer.buffer(jpeg)))
                .onFailure(e -> Api.fail(ctx, e instanceof NoSuchFileException ? ApiException.notFound("snapshot") : e));
    }

    JsonArray toJson(List<Detection> events, Caller caller) {
        JsonArray out = new JsonArray();
        for (Detection d : events) {
            Camera c = cameras.apply(d.cameraId());
            out.add(EventJson.toJson(d, c, caller.user().id(), signer));
        }
        return out;
    }
}
