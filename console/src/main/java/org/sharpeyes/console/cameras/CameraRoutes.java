package org.sharpeyes.console.cameras;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.console.scope.Scope;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.hub.StreamKey;
import org.sharpeyes.gateway.registry.CameraPage;
import org.sharpeyes.gateway.registry.CameraSpec;
import org.sharpeyes.gateway.registry.CsvImport;

/** {@code /api/cameras}: the registry, filtered to the caller's scope, with live health. */
public final class CameraRoutes {
    /** Registry pages scanned per request when filters leave few matches: a page may come back short, with a next. */
    private static final int MAX_SCAN_PAGES = 10;
    private static final long SNAPSHOT_TIMEOUT_MS = 10_000;

    private final CameraAccess access;
    private final CsvImport csvImport;
    private final Function<UUID, Optional<CameraHealth>> health;
    private final DataSource dataSource;
    private final AuditLog audit;
    private final Runnable camerasChanged;
    private final SnapshotGrabber snapshots;

    /**
     * @param health         a camera's current health (empty when the gateway does not know it)
     * @param camerasChanged tells the gateway to pick up registry changes at once
     * @param snapshots      live pictures; null on a node without the gateway
     */
    public CameraRoutes(CameraAccess access, CsvImport csvImport, Function<UUID, Optional<CameraHealth>> health,
                        DataSource dataSource, AuditLog audit, Runnable camerasChanged, SnapshotGrabber snapshots) {
        this.access = access;
        this.csvImport = csvImport;
        this.health = health;
        this.dataSource = dataSource;
        this.audit = audit;
        this.camerasChanged = camerasChanged;
        this.snapshots = snapshots;
    }

    public void mount(Router router) {
        router.get("/api/cameras").handler(ctx -> Api.blocking(ctx, () -> list(ctx)));
        router.post("/api/cameras/import").handler(ctx -> Api.blocking(ctx, () -> importCsv(ctx)));
        router.get("/api/cameras/:id").handler(ctx -> Api.blocking(ctx, () -> {
            Camera c = access.get(Caller.of(ctx), Params.of(ctx).requiredUuid("id"));
            return CameraJson.toJson(c, health.apply(c.id()).orElse(null));
        }));
        router.get("/api/cameras/:id/snapshot").handler(this::snapshot);
        router.post("/api/cameras").handler(ctx -> Api.blocking(ctx, 201, () -> create(ctx)));
        router.put("/api/cameras/:id").handler(ctx -> Api.blocking(ctx, () -> update(ctx)));
        router.delete("/api/cameras/:id").handler(ctx -> Api.blocking(ctx, () -> delete(ctx)));
    }

    private JsonObject list(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        Params p = Params.of(ctx);
        String q = p.text("q");
        String grid = p.text("grid");
        CameraStatus status = p.enumValue("status", CameraStatus.class);
        Long orgUnit = p.longValue("orgUnitId");
        int limit = p.limit();
        String cursor = p.text("cursor");
        Scope scope = caller.scope();
        if (orgUnit != null && !scope.contains(orgUnit)) {
            throw ApiException.outOfScope();
        }
        List<Long> under = orgUnit != null ? List.of(orgUnit) : scope.all() ? List.of() : List.of(scope.root().id());
        String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
        JsonArray items = new JsonArray();
        for (int scanned = 0; scanned < MAX_SCAN_PAGES; scanned++) {
            CameraPage page = access.registry().list(under, CameraRepository.Order.NAME, cursor, limit);
            cursor = page.next();
            for (Camera c : page.items()) {
                CameraHealth h = health.apply(c.id()).orElse(null);
                if ((needle == null || c.name().toLowerCase(Locale.ROOT).contains(needle))
                        && (grid == null || grid.equals(c.gridCode()))
                        && (status == null || h != null && h.status() == status)) {
                    items.add(CameraJson.toJson(c, h));
                }
            }
            if (cursor == null || !items.isEmpty()) {
                break;
            }
        }
        return new JsonObject().put("items", items).put("next", cursor);
    }

    /** The live picture, for previews; audited like any other picture a user looks at. */
    private void snapshot(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        ctx.vertx().executeBlocking(() -> {
            Camera c = access.get(caller, Params.of(ctx).requiredUuid("id"));
            if (snapshots == null) {
                throw new ApiException(503, "NO_GATEWAY", "this node does not pull camera streams", null);
            }
            audit.record(caller.username(), "CAMERA_SNAPSHOT", null, new JsonObject().put("cameraId", c.id().toString()));
            StreamKey key = new StreamKey(c.id().toString(), c.subUrl() != null ? StreamKey.Profile.SUB : StreamKey.Profile.MAIN);
            try {
                return snapshots.grab(key, SNAPSHOT_TIMEOUT_MS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new ApiException(504, "CAMERA_TIMEOUT", "no picture from the camera within " + SNAPSHOT_TIMEOUT_MS / 1000 + " s", null);
            }
        }, false).onSuccess(jpeg -> ctx.response().putHeader("Content-Type", "image/jpeg").end(io.vertx.core.buffer.Buffer.buffer(jpeg)))
                .onFailure(e -> Api.fail(ctx, e));
    }

    private JsonObject create(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        CameraSpec spec = CameraJson.spec(Body.of(ctx));
        checkPlacement(caller, spec);
        Camera c = access.registry().create(spec);
        audit.record(caller.username(), "CAMERA_CREATE", null, new JsonObject().put("cameraId", c.id().toString()).put("name", c.name()));
        camerasChanged.run();
        return CameraJson.toJson(c, null);
    }

    private JsonObject update(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        UUID id = Params.of(ctx).requiredUuid("id");
        access.get(caller, id);
        Body body = Body.of(ctx);
        CameraSpec spec = CameraJson.spec(body);
        checkPlacement(caller, spec);
        Camera c = access.registry().update(id, spec).orElseThrow(() -> ApiException.notFound("camera " + id));
        Boolean enabled = body.bool("enabled");
        if (enabled != null && enabled != c.enabled()) {
            if (enabled) {
                access.registry().enable(id);
            } else {
                access.registry().disable(id);
            }
            c = c.withEnabled(enabled);
        }
        audit.record(caller.username(), "CAMERA_UPDATE", null, new JsonObject().put("cameraId", id.toString()).put("name", c.name())
                .put("credentialsChanged", spec.password() != null).put("enabled", c.enabled()));
        camerasChanged.run();
        return CameraJson.toJson(c, health.apply(id).orElse(null));
    }

    private Object delete(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        UUID id = Params.of(ctx).requiredUuid("id");
        Camera c = access.get(caller, id);
        access.registry().delete(id);
        audit.record(caller.username(), "CAMERA_DELETE", null, new JsonObject().put("cameraId", id.toString()).put("name", c.name()));
        camerasChanged.run();
        return null;
    }

    /** CSV rows name their own places; only an admin of the whole tree may import, so no row can land out of scope. */
    private JsonObject importCsv(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        if (!caller.scope().all()) {
            throw ApiException.forbidden("CSV import needs an administrator of the whole tree");
        }
        byte[] file = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (file.length == 0) {
            throw ApiException.invalid("body", "a CSV file is required");
        }
        CsvImport.Report report = csvImport.run(file);
        JsonArray errors = new JsonArray();
        for (CsvImport.RowError row : report.errors()) {
            row.errors().forEach(f -> errors.add(new JsonObject().put("line", row.line()).put("field", f.field()).put("message", f.reason())));
        }
        audit.record(caller.username(), "CAMERA_IMPORT", null, new JsonObject().put("bytes", file.length)
                .put("imported", report.stored()).put("rejectedRows", report.errors().size()));
        camerasChanged.run();
        return new JsonObject().put("imported", report.stored()).put("errors", errors);
    }

    /** A scoped admin may only place cameras inside their subtree (by org unit, or by the grid cell's unit). */
    private void checkPlacement(Caller caller, CameraSpec spec) throws SQLException {
        Scope scope = caller.scope();
        if (scope.all()) {
            return;
        }
        Long unit = spec.orgUnitId();
        if (unit == null && spec.gridCode() != null) {
            unit = gridOrgUnit(spec.gridCode());
        }
        if (unit != null && !scope.contains(unit)) {
            throw ApiException.outOfScope();
        }
    }

    private Long gridOrgUnit(String gridCode) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT org_unit_id FROM grid_cell WHERE code = ?")) {
            ps.setString(1, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
