package org.sharpeyes.gateway.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.JdbcCameraRepository;
import org.sharpeyes.storage.Retention;
import org.sharpeyes.storage.testing.EmbeddedDb;
import org.sharpeyes.storage.testing.TestOrgTree;

/** An embedded PostgreSQL with the schema, a seeded org tree (3 districts, 2 grids each) and the real repository. */
final class RegistryDb implements AutoCloseable {
    final EmbeddedDb server;
    final Database database;
    final TestOrgTree tree;
    final JdbcCameraRepository repository;

    RegistryDb(Path dir) {
        server = new EmbeddedDb(dir);
        database = Database.open(server.settings(), Retention.DEFAULTS, Duration.ofDays(3));
        tree = TestOrgTree.seed(database.dataSource(), 3, 2);
        repository = new JdbcCameraRepository(database.dataSource());
    }

    void clearCameras() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM camera");
        }
    }

    /** Every stored byte of the camera table, as PostgreSQL's text output of each row. */
    String rawCameraTable() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT camera::text, encode(credentials_enc, 'escape') FROM camera")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n').append(rs.getString(2)).append('\n');
            }
        }
        return sb.toString();
    }

    long count(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        database.close();
        server.close();
    }
}
