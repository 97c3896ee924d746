package org.sharpeyes.console.scope;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sharpeyes.common.Tier;

/** The whole org tree in memory: a city's few thousand units, so subtree questions need no SQL. */
public final class OrgTree {
    private final Map<Long, OrgUnit> byId;
    private final Map<Long, List<OrgUnit>> children;

    OrgTree(List<OrgUnit> units) {
        byId = new HashMap<>();
        children = new HashMap<>();
        for (OrgUnit u : units) {
            byId.put(u.id(), u);
        }
        for (OrgUnit u : units) {
            children.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
        }
    }

    public static OrgTree load(DataSource dataSource) throws SQLException {
        List<OrgUnit> units = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, parent_id, tier, code, name FROM org_unit ORDER BY code")) {
            while (rs.next()) {
                long parent = rs.getLong(2);
                Long parentId = rs.wasNull() ? null : parent;
                units.add(new OrgUnit(rs.getLong(1), parentId, Tier.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5)));
            }
        }
        return new OrgTree(units);
    }

    public OrgUnit get(long id) {
        return byId.get(id);
    }

    /** Top-level units: the cities (parent null). */
    public List<OrgUnit> roots() {
        return children.getOrDefault(null, List.of());
    }

    public List<OrgUnit> children(long id) {
        return children.getOrDefault(id, List.of());
    }

    /** The unit and everything under it. */
    public Set<Long> subtree(long id) {
        Set<Long> out = new HashSet<>();
        List<Long> stack = new ArrayList<>(List.of(id));
        while (!stack.isEmpty()) {
            long next = stack.remove(stack.size() - 1);
            if (out.add(next)) {
                children(next).forEach(c -> stack.add(c.id()));
            }
        }
        return out;
    }
}
