package org.sharpeyes.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.Retention;
import org.sharpeyes.storage.testing.EmbeddedDb;

class AuditLogTest {
    EmbeddedDb server;
    Database db;
    AuditLog audit;

    @BeforeEach
    void start() {
        server = EmbeddedDb.inTempDir();
        db = Database.open(server.settings(), Retention.DEFAULTS, Duration.ofDays(3));
        audit = new AuditLog(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
        server.close();
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            done.add(pool.submit(() -> {
                audit.record("user" + (n % 4), "SEARCH", "C-" + n, new JsonObject().put("plate", "渝A1234" + (n % 10)).put("z", 1).put("a", 2));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        AuditLog.Verification v = audit.verify();
        assertThat(v.ok()).isTrue();
        assertThat(v.entries()).isEqualTo(40);
    }

    @Test
    void theTableRefusesUpdatesAndDeletes() throws Exception {
        audit.record("alice", "LOGIN", null, null);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET username = 'mallory'");
            s.executeUpdate("DELETE FROM audit_log");
        }
        assertThat(audit.page(Long.MAX_VALUE, 10)).singleElement().satisfies(e -> assertThat(e.username()).isEqualTo("alice"));
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void editingAnyStoredEntryBreaksTheChainAtThatEntry() throws Exception {
        for (int i = 0; i < 5; i++) {
            audit.record("bob", "SEARCH", "C-" + i, new JsonObject().put("results", i));
        }
        long third = audit.page(Long.MAX_VALUE, 10).get(2).seq();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // Someone with the database owner's rights drops the rule to rewrite history.
            s.execute("DROP RULE audit_log_no_update ON audit_log");
            s.executeUpdate("UPDATE audit_log SET detail = '{\"results\": 999}' WHERE seq = " + third);
        }
        AuditLog.Verification v = audit.verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(third);
    }

    @Test
    void deletingAnEntryBreaksTheChainAtItsSuccessor() throws Exception {
        for (int i = 0; i < 4; i++) {
            audit.record("carol", "EXPORT", "C-" + i, null);
        }
        List<AuditEntry> newestFirst = audit.page(Long.MAX_VALUE, 10);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP RULE audit_log_no_delete ON audit_log");
            s.executeUpdate("DELETE FROM audit_log WHERE seq = " + newestFirst.get(2).seq());
        }
        assertThat(audit.verify().brokenAt()).isEqualTo(newestFirst.get(1).seq());
    }
}
