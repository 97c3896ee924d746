package org.sharpeyes.storage.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A small org tree for registry tests and benchmarks: one city (重庆市, 5001) with districts
 * 5001NN, each with one street and one community, each community with its grid cells
 * {@code G-<community code>-KK}.
 *
 * @param districts   district ids, in code order
 * @param communities community ids, one per district, same order
 * @param grids       grid codes, district by district
 */
public record TestOrgTree(long city, List<Long> districts, List<Long> communities, List<String> grids) {
    private static final String[] DISTRICT_NAMES = {"渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区", "渝北区", "巴南区"};

    public static TestOrgTree seed(DataSource dataSource, int districtCount, int gridsPerCommunity) {
        try (Connection c = dataSource.getConnection()) {
            long city = insert(c, null, "CITY", "5001", "重庆市");
            List<Long> districts = new ArrayList<>();
            List<Long> communities = new ArrayList<>();
            List<String> grids = new ArrayList<>();
            for (int d = 1; d <= districtCount; d++) {
                String code = String.format("5001%02d", d);
                long district = insert(c, city, "DISTRICT", code, DISTRICT_NAMES[(d - 1) % DISTRICT_NAMES.length] + d);
                long street = insert(c, district, "STREET", code + "001", "解放碑街道" + d);
                long community = insert(c, street, "COMMUNITY", code + "001001", "较场口社区" + d);
                districts.add(district);
                communities.add(community);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_cell (code, org_unit_id, name) VALUES (?, ?, ?)")) {
                    for (int g = 1; g <= gridsPerCommunity; g++) {
                        String grid = String.format("G-%s001001-%02d", code, g);
                        ps.setString(1, grid);
                        ps.setLong(2, community);
                        ps.setString(3, "第" + g + "网格");
                        ps.addBatch();
                        grids.add(grid);
                    }
                    ps.executeBatch();
                }
            }
            return new TestOrgTree(city, List.copyOf(districts), List.copyOf(communities), List.copyOf(grids));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the org tree: " + e.getMessage(), e);
        }
    }

    private static long insert(Connection c, Long parent, String tier, String code, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO org_unit (parent_id, tier, code, name) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setObject(1, parent);
            ps.setString(2, tier);
            ps.setString(3, code);
            ps.setString(4, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
