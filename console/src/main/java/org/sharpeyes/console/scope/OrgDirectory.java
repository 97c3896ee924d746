package org.sharpeyes.console.scope;

import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/** The org tree, reloaded at most every {@code maxAge}: units change rarely, requests often. Blocking. */
public final class OrgDirectory {
    private final DataSource dataSource;
    private final long maxAgeNanos;
    private OrgTree tree;
    private long loadedAt;

    public OrgDirectory(DataSource dataSource, Duration maxAge) {
        this.dataSource = dataSource;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public synchronized OrgTree tree() throws SQLException {
        long now = System.nanoTime();
        if (tree == null || now - loadedAt > maxAgeNanos) {
            tree = OrgTree.load(dataSource);
            loadedAt = now;
        }
        return tree;
    }
}
