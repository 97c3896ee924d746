package org.sharpeyes.console.auth;

import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.scope.OrgDirectory;
import org.sharpeyes.console.scope.Scope;

/** The authenticated user of a request, put on the context by {@link Guard}. */
public record Caller(Session session, OrgDirectory orgs) {
    private static final String KEY = "sharpeyes.caller";

    public static Caller of(RoutingContext ctx) {
        Caller c = ctx.get(KEY);
        if (c == null) {
            throw new IllegalStateException("route without the guard: " + ctx.normalizedPath());
        }
        return c;
    }

    void attach(RoutingContext ctx) {
        ctx.put(KEY, this);
    }

    public User user() {
        return session.user();
    }

    public String username() {
        return session.user().username();
    }

    /** The caller's org subtree (blocking: may reload the tree). */
    public Scope scope() throws SQLException {
        return Scope.under(orgs.tree(), user().scopeOrgId());
    }

    /** Refuses callers below {@code role}. */
    public void require(Role role) {
        if (!user().role().atLeast(role)) {
            throw ApiException.forbidden("needs role " + role);
        }
    }
}
