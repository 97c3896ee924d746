package org.sharpeyes.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.sharpeyes.common.AnalyticsSettings;
import org.sharpeyes.common.Camera;
import org.sharpeyes.common.CameraKeys;
import org.sharpeyes.common.CameraRepository;
import org.sharpeyes.common.GridCell;
import org.sharpeyes.common.Placement;
import org.sharpeyes.common.SealedCredentials;
import org.sharpeyes.common.SiteType;

/** The camera registry on the {@code camera}, {@code org_unit} and {@code grid_cell} tables. */
public final class JdbcCameraRepository implements CameraRepository {
    private static final String COLUMNS = "id, name, org_unit_id, grid_code, site_type, lat, lon, main_url, sub_url,"
            + " onvif_url, credentials_enc, credentials_key_id, vendor, model, firmware, gb_device_id, plates_enabled,"
            + " faces_enabled, analysis_fps, roi, enabled";
    // One statement per batch: each column travels as one array and unnest zips them back into rows.
    private static final String INSERT = "INSERT INTO camera (" + COLUMNS + ")"
            + " SELECT id, name, org_unit_id, grid_code, site_type, lat, lon, main_url, sub_url, onvif_url,"
            + " credentials_enc, credentials_key_id, vendor, model, firmware, gb_device_id, plates_enabled,"
            + " faces_enabled, analysis_fps, roi::jsonb, enabled"
            + " FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[],"
            + " ?::text[], ?::text[], ?::bytea[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bool[],"
            + " ?::bool[], ?::float4[], ?::text[], ?::bool[])"
            + " AS u(" + COLUMNS + ")"
            + " ON CONFLICT DO NOTHING RETURNING id";
    private static final String UPDATE = "UPDATE camera SET name = ?, org_unit_id = ?, grid_code = ?, site_type = ?,"
            + " lat = ?, lon = ?, main_url = ?, sub_url = ?, onvif_url = ?, credentials_enc = ?, credentials_key_id = ?,"
            + " vendor = ?, model = ?, firmware = ?, gb_device_id = ?, plates_enabled = ?, faces_enabled = ?,"
            + " analysis_fps = ?, roi = ?::jsonb, enabled = ?, updated_at = now() WHERE id = ?";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public JdbcCameraRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<UUID> insertAll(List<Camera> cameras) {
        if (cameras.isEmpty()) {
            return Set.of();
        }
        int n = cameras.size();
        Object[][] cols = new Object[21][];
        cols[0] = new UUID[n];
        cols[2] = new Long[n];
        cols[5] = new Double[n];
        cols[6] = new Double[n];
        cols[10] = new byte[n][];
        cols[16] = new Boolean[n];
        cols[17] = new Boolean[n];
        cols[18] = new Float[n];
        cols[20] = new Boolean[n];
        for (int c = 0; c < cols.length; c++) {
            if (cols[c] == null) {
                cols[c] = new String[n];
            }
        }
        for (int i = 0; i < n; i++) {
            Object[] row = values(cameras.get(i));
            for (int c = 0; c < cols.length; c++) {
                cols[c][i] = row[c];
            }
        }
        String[] types = {"uuid", "text", "int8", "text", "text", "float8", "float8", "text", "text", "text", "bytea",
                "text", "text", "text", "text", "text", "bool", "bool", "float4", "text", "bool"};
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            List<Array> arrays = new ArrayList<>();
            for (int k = 0; k < cols.length; k++) {
                Array array = c.createArrayOf(types[k], cols[k]);
                arrays.add(array);
                ps.setArray(k + 1, array);
            }
            Set<UUID> stored = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getObject(1, UUID.class));
                }
            }
            for (Array a : arrays) {
                a.free();
            }
            return stored;
        } catch (SQLException e) {
            throw new StorageException("cannot store " + n + " cameras: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean update(Camera camera) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UPDATE)) {
            Object[] v = values(camera);
            // values() starts with the id; UPDATE takes it last.
            for (int k = 1; k < v.length; k++) {
                ps.setObject(k, v[k], sqlType(k));
            }
            ps.setObject(v.length, camera.id());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw conflict(e);
            }
            throw new StorageException("cannot update camera " + camera.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean setEnabled(UUID id, boolean enabled) {
        return execute("UPDATE camera SET enabled = ?, updated_at = now() WHERE id = ?", enabled, id) == 1;
    }

    @Override
    public boolean delete(UUID id) {
        return execute("DELETE FROM camera WHERE id = ?", id) == 1;
    }

    @Override
    public Optional<Camera> find(UUID id) {
        List<Camera> found = query("SELECT " + COLUMNS + " FROM camera WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    @Override
    public List<Camera> list(Collection<Long> underOrgUnits, Order order, String afterKey, int limit) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (!underOrgUnits.isEmpty()) {
            sql.append("WITH RECURSIVE scope(id) AS (SELECT unnest(?::bigint[])"
                    + " UNION SELECT o.id FROM org_unit o JOIN scope s ON o.parent_id = s.id) ");
            params.add(underOrgUnits.toArray(Long[]::new));
        }
        sql.append("SELECT ").append(COLUMNS).append(" FROM camera WHERE true");
        if (!underOrgUnits.isEmpty()) {
            sql.append(" AND org_unit_id IN (SELECT id FROM scope)");
        }
        String key = order == Order.NAME ? "name" : "id";
        if (afterKey != null) {
            sql.append(" AND ").append(key).append(order == Order.NAME ? " > ?" : " > ?::uuid");
            params.add(afterKey);
        }
        sql.append(" ORDER BY ").append(key).append(" LIMIT ?");
        params.add(limit);
        return query(sql.toString(), params);
    }

    @Override
    public CameraKeys taken(CameraKeys candidates, UUID except) {
        Map<String, Set<String>> found = new HashMap<>(Map.of("name", new HashSet<>(), "url", new HashSet<>(), "gb", new HashSet<>()));
        String sql = "SELECT 'name', name FROM camera WHERE name = ANY (?) AND id IS DISTINCT FROM ?"
                + " UNION ALL SELECT 'url', main_url FROM camera WHERE main_url = ANY (?) AND id IS DISTINCT FROM ?"
                + " UNION ALL SELECT 'gb', gb_device_id::text FROM camera WHERE gb_device_id = ANY (?::bpchar[]) AND id IS DISTINCT FROM ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int k = 1;
            for (Set<String> values : List.of(candidates.names(), candidates.mainUrls(), candidates.gbDeviceIds())) {
                ps.setArray(k++, c.createArrayOf("text", values.toArray()));
                ps.setObject(k++, except, Types.OTHER);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot check camera keys: " + e.getMessage(), e);
        }
        return new CameraKeys(found.get("name"), found.get("url"), found.get("gb"));
    }

    @Override
    public Map<String, GridCell> gridCells(Collection<String> codes) {
        // Each cell's org unit, then that unit's ancestors, one row per step up.
        String sql = "WITH RECURSIVE up(grid, org, depth) AS ("
                + " SELECT code, org_unit_id, 0 FROM grid_cell WHERE code = ANY (?)"
                + " UNION ALL SELECT up.grid, o.parent_id, up.depth + 1 FROM up JOIN org_unit o ON o.id = up.org"
                + " WHERE o.parent_id IS NOT NULL)"
                + " SELECT grid, org FROM up ORDER BY grid, depth";
        Map<String, List<Long>> paths = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    paths.computeIfAbsent(rs.getString(1), g -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot look up grid cells: " + e.getMessage(), e);
        }
        Map<String, GridCell> cells = new HashMap<>();
        paths.forEach((code, path) -> cells.put(code, new GridCell(code, path.get(0), path)));
        return cells;
    }

    @Override
    public Map<String, Long> orgUnitIds(Collection<String> codes) {
        Map<String, Long> ids = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT code, id FROM org_unit WHERE code = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot look up org units: " + e.getMessage(), e);
        }
        return ids;
    }

    @Override
    public Optional<Placement> placement(UUID cameraId) {
        String sql = "WITH RECURSIVE up(id, parent_id, tier, code) AS ("
                + " SELECT o.id, o.parent_id, o.tier, o.code FROM camera c JOIN org_unit o ON o.id = c.org_unit_id WHERE c.id = ?"
                + " UNION ALL SELECT o.id, o.parent_id, o.tier, o.code FROM org_unit o JOIN up ON o.id = up.parent_id)"
                + " SELECT c.grid_code, c.site_type, up.tier, up.code FROM camera c CROSS JOIN up WHERE c.id = ?";
        Map<String, String> codes = new HashMap<>();
        String grid = null;
        String site = null;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, cameraId);
            ps.setObject(2, cameraId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grid = rs.getString(1);
                    site = rs.getString(2);
                    codes.put(rs.getString(3), rs.getString(4));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot look up the placement of camera " + cameraId + ": " + e.getMessage(), e);
        }
        if (site == null) {
            return Optional.empty();
        }
        return Optional.of(new Placement(codes.get("CITY"), codes.get("DISTRICT"), codes.get("STREET"),
                codes.get("COMMUNITY"), grid, SiteType.valueOf(site)));
    }

    @Override
    public Map<UUID, SealedCredentials> credentialsNotUnder(String keyId, int limit) {
        Map<UUID, SealedCredentials> found = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, credentials_key_id, credentials_enc FROM camera"
                        + " WHERE credentials_enc IS NOT NULL AND credentials_key_id <> ? ORDER BY id LIMIT ?")) {
            ps.setString(1, keyId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getObject(1, UUID.class), new SealedCredentials(rs.getString(2), rs.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read camera credentials: " + e.getMessage(), e);
        }
        return found;
    }

    @Override
    public boolean replaceCredentials(UUID id, SealedCredentials expected, SealedCredentials replacement) {
        return execute("UPDATE camera SET credentials_enc = ?, credentials_key_id = ?, updated_at = now()"
                        + " WHERE id = ? AND credentials_key_id = ? AND credentials_enc = ?",
                replacement.data(), replacement.keyId(), id, expected.keyId(), expected.data()) == 1;
    }

    /** Column values in {@link #COLUMNS} order. */
    private static Object[] values(Camera c) {
        SealedCredentials s = c.credentials();
        AnalyticsSettings a = c.analytics();
        return new Object[] {c.id(), c.name(), c.orgUnitId(), c.gridCode(), c.siteType().name(), c.lat(), c.lon(),
                c.mainUrl(), c.subUrl(), c.onvifUrl(), s == null ? null : s.data(), s == null ? null : s.keyId(),
                c.vendor(), c.model(), c.firmware(), c.gbDeviceId(), a.plates(), a.faces(), a.fps(), roiJson(a.roi()),
                c.enabled()};
    }

    private static int sqlType(int column) {
        return switch (column) {
            case 2 -> Types.BIGINT;
            case 5, 6 -> Types.DOUBLE;
            case 10 -> Types.BINARY;
            case 16, 17, 20 -> Types.BOOLEAN;
            case 18 -> Types.REAL;
            default -> Types.VARCHAR;
        };
    }

    private static Camera camera(ResultSet rs) throws SQLException {
        byte[] enc = rs.getBytes("credentials_enc");
        String gb = rs.getString("gb_device_id");
        return new Camera(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("org_unit_id"),
                rs.getString("grid_code"), SiteType.valueOf(rs.getString("site_type")),
                rs.getObject("lat", Double.class), rs.getObject("lon", Double.class), rs.getString("main_url"),
                rs.getString("sub_url"), rs.getString("onvif_url"), rs.getString("vendor"), rs.getString("model"),
                rs.getString("firmware"), gb,
                new AnalyticsSettings(rs.getBoolean("plates_enabled"), rs.getBoolean("faces_enabled"),
                        rs.getFloat("analysis_fps"), roi(rs.getString("roi"))),
                rs.getBoolean("enabled"), enc == null ? null : new SealedCredentials(rs.getString("credentials_key_id"), enc));
    }

    /** The ROI polygon as {@code [[x,y],...]}; null for the whole frame. */
    static String roiJson(List<AnalyticsSettings.Point> roi) {
        if (roi.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("[");
        for (AnalyticsSettings.Point p : roi) {
            sb.append(sb.length() > 1 ? "," : "").append('[').append(p.x()).append(',').append(p.y()).append(']');
        }
        return sb.append(']').toString();
    }

    /** Reads back what {@link #roiJson} wrote (jsonb may have re-spaced it). */
    static List<AnalyticsSettings.Point> roi(String json) {
        if (json == null) {
            return List.of();
        }
        String[] numbers = json.replaceAll("[\\[\\]\\s]", "").split(",");
        List<AnalyticsSettings.Point> points = new ArrayList<>(numbers.length / 2);
        for (int i = 0; i + 1 < numbers.length; i += 2) {
            points.add(new AnalyticsSettings.Point(Double.parseDouble(numbers[i]), Double.parseDouble(numbers[i + 1])));
        }
        return points;
    }

    private List<Camera> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.size(); k++) {
                Object p = params.get(k);
                if (p instanceof Long[] ids) {
                    ps.setArray(k + 1, c.createArrayOf("int8", ids));
                } else {
                    ps.setObject(k + 1, p);
                }
            }
            List<Camera> cameras = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cameras.add(camera(rs));
                }
            }
            return cameras;
        } catch (SQLException e) {
            throw new StorageException("cannot read cameras: " + e.getMessage(), e);
        }
    }

    private int execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.length; k++) {
                ps.setObject(k + 1, params[k]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot change camera: " + e.getMessage(), e);
        }
    }

    private static Conflict conflict(SQLException e) {
        String constraint = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? String.valueOf(p.getServerErrorMessage().getConstraint()) : "";
        return switch (constraint) {
            case "camera_main_url" -> new Conflict("mainUrl", "duplicate address: already used by another camera");
            case "camera_gb_device_id_key" -> new Conflict("gbDeviceId", "duplicate GB device id: already used by another camera");
            default -> new Conflict("name", "duplicate name: already used by another camera");
        };
    }
}
