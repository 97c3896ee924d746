package org.sharpeyes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.DbSettings;
import org.sharpeyes.storage.Retention;
import org.sharpeyes.storage.testing.EmbeddedDb;

/** One embedded PostgreSQL on 127.0.0.1 with the Sharp Eyes schema, for one benchmark run. */
final class BenchDb implements AutoCloseable {
    /** Long enough that opening the database never drops benchmark partitions as "expired". */
    private static final Retention KEEP = new Retention(Duration.ofDays(3650), Duration.ofDays(3650), Duration.ofDays(3650));

    final EmbeddedDb server;
    final Database database;

    private BenchDb(EmbeddedDb server, Database database) {
        this.server = server;
        this.database = database;
    }

    static BenchDb start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** @param poolSize connections in the pool; 0 for the embedded database's default */
    static BenchDb start(Path dataDir, int poolSize) {
        EmbeddedDb server = new EmbeddedDb(dataDir);
        try {
            DbSettings s = server.settings();
            DbSettings settings = poolSize == 0 ? s
                    : new DbSettings(s.url(), s.user(), s.password(), poolSize, s.connectTimeout(), s.timescale());
            return new BenchDb(server, Database.open(settings, KEEP, Duration.ofDays(3)));
        } catch (RuntimeException e) {
            try {
                server.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e;
        }
    }

    int port() {
        String url = server.url(); // jdbc:postgresql://127.0.0.1:PORT/postgres
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** Removes a benchmark's working directory and everything in it. */
    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        database.close();
        server.close();
    }
}
