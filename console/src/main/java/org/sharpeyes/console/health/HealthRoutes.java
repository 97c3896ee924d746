package org.sharpeyes.console.health;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.CameraStatus;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.console.scope.OrgTree;
import org.sharpeyes.console.scope.Scope;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.registry.CameraPage;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.sharpeyes.storage.AvailabilityRate;
import org.sharpeyes.storage.HealthStats;

/** The health dashboard: online and integrity rates from stored samples, current faults and outages from the gateway. */
public final class HealthRoutes {
    private static final Duration MAX_WINDOW = Duration.ofDays(92);

    private final HealthStats stats;
    private final CameraRegistry registry;
    private final Function<UUID, Optional<CameraHealth>> health;
    private final DataSource dataSource;

    public HealthRoutes(HealthStats stats, CameraRegistry registry, Function<UUID, Optional<CameraHealth>> health, DataSource dataSource) {
        this.stats = stats;
        this.registry = registry;
        this.health = health;
        this.dataSource = dataSource;
    }

    public void mount(Router router) {
        router.get("/api/health/rates").handler(ctx -> Api.blocking(ctx, () -> rates(ctx)));
        router.get("/api/health/faults").handler(ctx -> Api.blocking(ctx, () -> cameras(ctx, true)));
        router.get("/api/health/offline").handler(ctx -> Api.blocking(ctx, () -> cameras(ctx, false)));
    }

    private JsonArray rates(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        Params p = Params.of(ctx);
        String by = p.text("by") == null ? "org" : p.text("by");
        Instant to = p.instant("to") == null ? Instant.now() : p.instant("to");
        Instant from = p.instant("from") == null ? to.minus(Duration.ofDays(1)) : p.instant("from");
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.invalid("from", "must be before to, at most " + MAX_WINDOW.toDays() + " days earlier");
        }
        Scope scope = caller.scope();
        Set<String> allowed = new HashSet<>();
        List<AvailabilityRate> rows;
        if (by.equals("org")) {
            OrgTree tree = caller.orgs().tree();
            scope.units().forEach(id -> allowed.add(tree.get(id).code()));
            rows = stats.byOrgUnit(from, to);
        } else if (by.equals("grid")) {
            allowed.addAll(gridsIn(scope));
            rows = stats.byGrid(from, to);
        } else {
            throw ApiException.invalid("by", "org or grid");
        }
        JsonArray out = new JsonArray();
        for (AvailabilityRate r : rows) {
            if (scope.all() || allowed.contains(r.key())) {
                out.add(new JsonObject().put("key", r.key()).put("name", r.name()).put("cameras", r.cameras())
                        .put("onlineRate", finite(r.onlineRate())).put("integrityRate", finite(r.integrityRate())));
            }
        }
        return out;
    }

    /** Cameras with picture faults now, or offline cameras longest first. */
    private JsonArray cameras(RoutingContext ctx, boolean faults) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        Scope scope = caller.scope();
        List<JsonObject> found = new ArrayList<>();
        List<Long> under = scope.all() ? List.of() : List.of(scope.root().id());
        String cursor = null;
        do {
            CameraPage page = registry.list(under, CameraRepository.Order.ID, cursor, CameraRegistry.MAX_PAGE);
            for (Camera c : page.items()) {
                CameraHealth h = health.apply(c.id()).orElse(null);
                if (h == null || !c.enabled()) {
                    continue;
                }
                if (faults && !h.faults().isEmpty()) {
                    found.add(row(c, h).put("faults", new JsonArray(h.faults().stream().map(f -> new JsonObject()
                            .put("fault", f.fault().name()).put("score", f.score()).put("threshold", f.threshold())
                            .put("reason", f.reason())).toList())));
                } else if (!faults && h.status() == CameraStatus.OFFLINE) {
                    Instant since = h.lastPacket() != null ? h.lastPacket() : h.at();
                    found.add(row(c, h).put("since", since.toString()));
                }
            }
            cursor = page.next();
        } while (cursor != null);
        if (!faults) {
            found.sort(Comparator.comparing(o -> Instant.parse(o.getString("since"))));
        }
        return new JsonArray(new ArrayList<>(found));
    }

    private static JsonObject row(Camera c, CameraHealth h) {
        return new JsonObject().put("cameraId", c.id().toString()).put("cameraName", c.name()).put("orgUnitId", c.orgUnitId())
                .put("gridCode", c.gridCode()).put("status", h.status().name())
                .put("reason", h.reasons().isEmpty() ? null : String.join("; ", h.reasons()));
    }

    private Set<String> gridsIn(Scope scope) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code, org_unit_id FROM grid_cell")) {
            while (rs.next()) {
                if (scope.contains(rs.getLong(2))) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
