package org.sharpeyes.console.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import org.sharpeyes.console.audit.AuditEntry;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Params;

/** {@code /api/audit}: the trail and its chain check, for administrators of the whole tree (it names everyone's searches). */
public final class AuditRoutes {
    private final AuditLog audit;

    public AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/api/audit").handler(ctx -> Api.blocking(ctx, () -> {
            Caller caller = requireTreeAdmin(Caller.of(ctx));
            Params p = Params.of(ctx);
            int limit = p.limit();
            Long cursor = p.longValue("cursor");
            List<AuditEntry> rows = audit.page(cursor == null ? Long.MAX_VALUE : cursor, limit + 1);
            JsonArray items = new JsonArray();
            rows.stream().limit(limit).forEach(e -> items.add(e.toJson()));
            audit.record(caller.username(), "AUDIT_VIEW", null, new JsonObject().put("results", items.size()));
            return new JsonObject().put("items", items).put("next", rows.size() > limit ? Long.toString(rows.get(limit - 1).seq()) : null);
        }));
        router.get("/api/audit/verify").handler(ctx -> Api.blocking(ctx, () -> {
            requireTreeAdmin(Caller.of(ctx));
            return audit.verify().toJson();
        }));
    }

    private static Caller requireTreeAdmin(Caller caller) throws java.sql.SQLException {
        caller.require(Role.ADMIN);
        if (!caller.scope().all()) {
            throw ApiException.forbidden("the audit log is for administrators of the whole tree");
        }
        return caller;
    }
}
