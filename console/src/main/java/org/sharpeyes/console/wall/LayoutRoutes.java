package org.sharpeyes.console.wall;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.console.http.Params;

/** {@code /api/layouts}: each user's named video-wall layouts (only their own). */
public final class LayoutRoutes {
    private static final Set<Integer> GRIDS = Set.of(1, 4, 9, 16);
    private static final int MAX_LAYOUTS = 100;
    private static final int MAX_TOUR_CAMERAS = 256;

    private final DataSource dataSource;

    public LayoutRoutes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void mount(Router router) {
        router.get("/api/layouts").handler(ctx -> Api.blocking(ctx, () -> list(Caller.of(ctx).user().id())));
        router.put("/api/layouts/:name").handler(ctx -> Api.blocking(ctx, () -> save(ctx)));
        router.delete("/api/layouts/:name").handler(ctx -> Api.blocking(ctx, () -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM wall_layout WHERE user_id = ? AND name = ?")) {
                ps.setLong(1, Caller.of(ctx).user().id());
                ps.setString(2, name(ctx));
                if (ps.executeUpdate() == 0) {
                    throw ApiException.notFound("layout");
                }
            }
            return null;
        }));
    }

    private JsonArray list(long userId) throws SQLException {
        JsonArray out = new JsonArray();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, layout::text FROM wall_layout WHERE user_id = ? ORDER BY name")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JsonObject(rs.getString(2)).put("name", rs.getString(1)));
                }
            }
        }
        return out;
    }

    private JsonObject save(RoutingContext ctx) throws SQLException {
        long userId = Caller.of(ctx).user().id();
        String name = name(ctx);
        JsonObject layout = validate(Body.of(ctx));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM wall_layout WHERE user_id = ? AND name <> ?")) {
                ps.setLong(1, userId);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= MAX_LAYOUTS) {
                        throw ApiException.invalid("name", "at most " + MAX_LAYOUTS + " layouts per user");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO wall_layout (user_id, name, layout) VALUES (?, ?, ?::jsonb)"
                    + " ON CONFLICT (user_id, name) DO UPDATE SET layout = EXCLUDED.layout, updated_at = now()")) {
                ps.setLong(1, userId);
                ps.setString(2, name);
                ps.setString(3, layout.encode());
                ps.executeUpdate();
            }
        }
        return layout.copy().put("name", name);
    }

    /** Tiles name cameras by id (or null for an empty tile); tour cameras are what the tour cycles through. */
    static JsonObject validate(Body b) {
        Long grid = b.whole("grid");
        if (grid == null || !GRIDS.contains(grid.intValue())) {
            throw ApiException.invalid("grid", "one of 1, 4, 9, 16");
        }
        JsonArray tiles = b.array("tiles");
        if (tiles == null || tiles.size() > grid) {
            throw ApiException.invalid("tiles", "an array of at most grid (" + grid + ") camera ids or nulls");
        }
        JsonArray cleanTiles = cameraIds(tiles, "tiles", true);
        JsonArray tour = b.array("tourCameras");
        if (tour != null && tour.size() > MAX_TOUR_CAMERAS) {
            throw ApiException.invalid("tourCameras", "at most " + MAX_TOUR_CAMERAS + " cameras");
        }
        Long tourSeconds = b.whole("tourSeconds");
        if (tourSeconds != null && tourSeconds != 0 && (tourSeconds < 5 || tourSeconds > 3600)) {
            throw ApiException.invalid("tourSeconds", "0 (no tour) or 5 to 3600");
        }
        return new JsonObject().put("grid", grid).put("tiles", cleanTiles)
                .put("tourCameras", tour == null ? new JsonArray() : cameraIds(tour, "tourCameras", false))
                .put("tourSeconds", tourSeconds == null ? 0 : tourSeconds);
    }

    private static JsonArray cameraIds(JsonArray in, String field, boolean nullable) {
        JsonArray out = new JsonArray();
        for (Object o : in) {
            if (o == null && nullable) {
                out.addNull();
                continue;
            }
            try {
                out.add(UUID.fromString((String) o).toString());
            } catch (ClassCastException | IllegalArgumentException | NullPointerException e) {
                throw ApiException.invalid(field, "camera ids (UUIDs)" + (nullable ? " or null" : ""));
            }
        }
        return out;
    }

    private static String name(RoutingContext ctx) {
        String name = Params.of(ctx).requiredText("name");
        if (name.length() > 64) {
            throw ApiException.invalid("name", "at most 64 characters");
        }
        return name;
    }
}
