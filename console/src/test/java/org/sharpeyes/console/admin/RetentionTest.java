package org.sharpeyes.console.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.testing.Browser;
import org.sharpeyes.console.testing.ConsoleFixture;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.Retention;

class RetentionTest {
    @Test
    void anAdminChangesRetentionItTakesEffectAndOutlivesARestart() throws Exception {
        try (ConsoleFixture fx = new ConsoleFixture(ConsoleSettings.DEFAULTS)) {
            Browser admin = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
            assertThat(new JsonObject(admin.get("/api/retention").body()).getLong("platesDays")).isEqualTo(180);
            var r = admin.put("/api/retention", new JsonObject().put("platesDays", 90).put("facesDays", 7).put("healthDays", 14));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(fx.database.retention()).isEqualTo(new Retention(Duration.ofDays(90), Duration.ofDays(7), Duration.ofDays(14)));
            assertThat(admin.get("/api/audit?limit=5").body()).contains("RETENTION_CHANGE");
            try (Database again = Database.open(fx.server.settings(), Retention.DEFAULTS, Duration.ofDays(3))) {
                assertThat(again.retention().faces()).isEqualTo(Duration.ofDays(7));
            }
            var bad = admin.put("/api/retention", new JsonObject().put("platesDays", 0).put("facesDays", 7.5).put("healthDays", 14));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(new JsonObject(bad.body()).getJsonObject("error").getString("field")).isEqualTo("platesDays");
        }
    }
}
