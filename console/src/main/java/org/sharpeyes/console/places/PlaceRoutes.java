package org.sharpeyes.console.places;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.scope.OrgTree;
import org.sharpeyes.console.scope.OrgUnit;
import org.sharpeyes.console.scope.Scope;

/** {@code /api/org-units} (the caller's subtree) and {@code /api/grids} (its grid cells as GeoJSON). */
public final class PlaceRoutes {
    private final DataSource dataSource;

    public PlaceRoutes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void mount(Router router) {
        router.get("/api/org-units").handler(ctx -> Api.blocking(ctx, () -> {
            Caller caller = Caller.of(ctx);
            OrgTree tree = caller.orgs().tree();
            Scope scope = caller.scope();
            List<OrgUnit> tops = scope.all() ? tree.roots() : List.of(scope.root());
            JsonArray out = new JsonArray();
            tops.forEach(u -> out.add(node(tree, u)));
            return out;
        }));
        router.get("/api/grids").handler(ctx -> Api.blocking(ctx, () -> grids(Caller.of(ctx).scope())));
    }

    private static JsonObject node(OrgTree tree, OrgUnit u) {
        JsonArray children = new JsonArray();
        tree.children(u.id()).forEach(c -> children.add(node(tree, c)));
        return new JsonObject().put("id", u.id()).put("parentId", u.parentId()).put("tier", u.tier().name())
                .put("code", u.code()).put("name", u.name()).put("children", children);
    }

    private JsonObject grids(Scope scope) throws SQLException {
        JsonArray features = new JsonArray();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT code, name, org_unit_id, polygon::text FROM grid_cell ORDER BY code")) {
            while (rs.next()) {
                long unit = rs.getLong(3);
                if (!scope.contains(unit)) {
                    continue;
                }
                String polygon = rs.getString(4);
                features.add(new JsonObject().put("type", "Feature").put("id", rs.getString(1))
                        .put("geometry", polygon == null ? null : new JsonObject(polygon))
                        .put("properties", new JsonObject().put("code", rs.getString(1)).put("name", rs.getString(2))
                                .put("orgUnitId", unit)));
            }
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }
}
