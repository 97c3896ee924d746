package org.sharpeyes.console.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.Retention;

/** {@code /api/retention}: how many days plates, faces and health samples are kept; changed by admins of the whole tree. */
public final class RetentionRoutes {
    static final int MAX_DAYS = 3650;

    private final Database database;
    private final AuditLog audit;

    public RetentionRoutes(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/api/retention").handler(ctx -> Api.blocking(ctx, () -> {
            Caller.of(ctx).require(Role.ADMIN);
            return json(database.retention());
        }));
        router.put("/api/retention").handler(ctx -> Api.blocking(ctx, () -> {
            Caller caller = Caller.of(ctx);
            caller.require(Role.ADMIN);
            if (!caller.scope().all()) {
                throw ApiException.forbidden("retention is set for the whole city by an administrator of the whole tree");
            }
            Body b = Body.of(ctx);
            Retention before = database.retention();
            Retention next = new Retention(days(b, "platesDays"), days(b, "facesDays"), days(b, "healthDays"));
            database.setRetention(next, caller.username());
            audit.record(caller.username(), "RETENTION_CHANGE", null, new JsonObject().put("before", json(before)).put("after", json(next)));
            return json(next);
        }));
    }

    private static Duration days(Body b, String field) {
        double v = b.number(field, 1, MAX_DAYS);
        if (v != Math.rint(v)) {
            throw ApiException.invalid(field, "a whole number of days");
        }
        return Duration.ofDays((long) v);
    }

    private static JsonObject json(Retention r) {
        return new JsonObject().put("platesDays", r.plates().toDays()).put("facesDays", r.faces().toDays())
                .put("healthDays", r.health().toDays());
    }
}
