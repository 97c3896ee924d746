package org.sharpeyes.console.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.auth.AuthRoutes;
import org.sharpeyes.console.auth.Caller;
import org.sharpeyes.console.auth.PasswordHasher;
import org.sharpeyes.console.auth.Role;
import org.sharpeyes.console.auth.Sessions;
import org.sharpeyes.console.auth.User;
import org.sharpeyes.console.auth.Users;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;
import org.sharpeyes.console.http.Params;
import org.sharpeyes.console.scope.Scope;

/**
 * {@code /api/users}: admins manage the users of their own subtree, and can neither grant a scope
 * wider than theirs nor touch a user whose scope is outside it.
 */
public final class UserRoutes {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");
    static final int MIN_PASSWORD = 12;

    private final Users users;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final AuditLog audit;

    public UserRoutes(Users users, PasswordHasher hasher, Sessions sessions, AuditLog audit) {
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
    }

    public void mount(Router router) {
        router.get("/api/users").handler(ctx -> Api.blocking(ctx, () -> list(ctx)));
        router.post("/api/users").handler(ctx -> Api.blocking(ctx, 201, () -> create(ctx)));
        router.put("/api/users/:id").handler(ctx -> Api.blocking(ctx, () -> update(ctx)));
        router.delete("/api/users/:id").handler(ctx -> Api.blocking(ctx, () -> delete(ctx)));
    }

    private JsonObject list(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        Params p = Params.of(ctx);
        int limit = p.limit();
        Long cursor = p.longValue("cursor");
        Scope scope = caller.scope();
        List<User> rows = users.list(cursor == null ? 0 : cursor, limit + 1);
        JsonArray items = new JsonArray();
        rows.stream().limit(limit).filter(u -> manages(scope, u)).forEach(u -> items.add(AuthRoutes.userJson(u)));
        return new JsonObject().put("items", items).put("next", rows.size() > limit ? Long.toString(rows.get(limit - 1).id()) : null);
    }

    private JsonObject create(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        Body b = Body.of(ctx);
        String username = b.requiredText("username", 64);
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.invalid("username", "3 to 64 letters, digits or . _ @ -");
        }
        Role role = role(b);
        Long scopeOrgId = grantableScope(caller, b);
        String hash = hasher.hash(password(b, true));
        User u = users.create(username, hash, role, scopeOrgId)
                .orElseThrow(() -> new ApiException(409, "CONFLICT", "username already taken", "username"));
        audit.record(caller.username(), "USER_CREATE", null, new JsonObject().put("userId", u.id()).put("username", username)
                .put("role", role.name()).put("scopeOrgId", scopeOrgId));
        return AuthRoutes.userJson(u);
    }

    private JsonObject update(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        long id = Params.of(ctx).requiredLong("id");
        User existing = users.get(id).orElseThrow(() -> ApiException.notFound("user " + id));
        if (!manages(caller.scope(), existing)) {
            throw ApiException.outOfScope();
        }
        Body b = Body.of(ctx);
        Role role = role(b);
        Long scopeOrgId = grantableScope(caller, b);
        Boolean enabled = b.bool("enabled");
        char[] password = password(b, false);
        if (id == caller.user().id() && (role != Role.ADMIN || Boolean.FALSE.equals(enabled))) {
            throw ApiException.invalid("role", "you cannot demote or disable yourself");
        }
        User u = users.update(id, role, scopeOrgId, enabled == null ? existing.enabled() : enabled,
                password == null ? null : hasher.hash(password)).orElseThrow(() -> ApiException.notFound("user " + id));
        sessions.removeUser(id);
        audit.record(caller.username(), "USER_UPDATE", null, new JsonObject().put("userId", id).put("username", u.username())
                .put("role", role.name()).put("scopeOrgId", scopeOrgId).put("enabled", u.enabled()).put("passwordChanged", password != null));
        return AuthRoutes.userJson(u);
    }

    private Object delete(RoutingContext ctx) throws SQLException {
        Caller caller = Caller.of(ctx);
        caller.require(Role.ADMIN);
        long id = Params.of(ctx).requiredLong("id");
        User existing = users.get(id).orElseThrow(() -> ApiException.notFound("user " + id));
        if (!manages(caller.scope(), existing)) {
            throw ApiException.outOfScope();
        }
        if (id == caller.user().id()) {
            throw ApiException.invalid("id", "you cannot delete yourself");
        }
        users.delete(id);
        sessions.removeUser(id);
        audit.record(caller.username(), "USER_DELETE", null, new JsonObject().put("userId", id).put("username", existing.username()));
        return null;
    }

    private static Role role(Body b) {
        String r = b.requiredText("role", 16);
        try {
            return Role.valueOf(r.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("role", "one of OPERATOR, INVESTIGATOR, ADMIN");
        }
    }

    /** The scope asked for, which must lie within the caller's; a scoped admin's users default to the admin's scope. */
    private static Long grantableScope(Caller caller, Body b) throws SQLException {
        Long asked = b.whole("scopeOrgId");
        Scope scope = caller.scope();
        if (asked == null) {
            return scope.all() ? null : scope.root().id();
        }
        if (caller.orgs().tree().get(asked) == null) {
            throw ApiException.invalid("scopeOrgId", "no such org unit: " + asked);
        }
        if (!scope.contains(asked)) {
            throw ApiException.outOfScope();
        }
        return asked;
    }

    private static char[] password(Body b, boolean required) {
        String p = required ? b.requiredText("password", 256) : b.text("password", 256);
        if (p == null) {
            return null;
        }
        if (p.length() < MIN_PASSWORD) {
            throw ApiException.invalid("password", "at least " + MIN_PASSWORD + " characters");
        }
        return p.toCharArray();
    }

    /** A scoped admin manages users whose scope lies inside theirs (never the whole-tree users). */
    private static boolean manages(Scope scope, User u) {
        return scope.all() || u.scopeOrgId() != null && scope.contains(u.scopeOrgId());
    }
}
