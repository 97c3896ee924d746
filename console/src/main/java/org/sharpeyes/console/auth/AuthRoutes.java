package org.sharpeyes.console.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.sharpeyes.console.audit.AuditLog;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.http.ApiException;
import org.sharpeyes.console.http.Body;

/** {@code /api/auth/login}, {@code logout} and {@code me}. */
public final class AuthRoutes {
    private final Login login;
    private final Sessions sessions;
    private final AuditLog audit;
    private final boolean secureCookie;

    public AuthRoutes(Login login, Sessions sessions, AuditLog audit, boolean secureCookie) {
        this.login = login;
        this.sessions = sessions;
        this.audit = audit;
        this.secureCookie = secureCookie;
    }

    /** Login is mounted before the guard; logout and me after it. */
    public void mountPublic(Router router) {
        router.post("/api/auth/login").handler(this::login);
    }

    public void mountGuarded(Router router) {
        router.post("/api/auth/logout").handler(this::logout);
        router.get("/api/auth/me").handler(ctx -> Api.json(ctx, 200, me(Caller.of(ctx).session())));
    }

    private void login(RoutingContext ctx) {
        String username;
        char[] password;
        try {
            Body body = Body.of(ctx);
            username = body.requiredText("username", 64);
            password = body.requiredText("password", 256).toCharArray();
        } catch (ApiException e) {
            Api.fail(ctx, e);
            return;
        }
        String ip = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        ctx.vertx().executeBlocking(() -> {
            Login.Outcome outcome = login.attempt(username, password);
            JsonObject detail = new JsonObject().put("ip", ip);
            String action = outcome instanceof Login.Success ? "LOGIN"
                    : outcome instanceof Login.Locked ? "LOGIN_LOCKED" : "LOGIN_FAILED";
            audit.record(username, action, null, detail);
            return outcome;
        }, false).onFailure(e -> Api.fail(ctx, e)).onSuccess(outcome -> {
            long delayMs = outcome.delay().toMillis();
            if (delayMs > 0) {
                ctx.vertx().setTimer(delayMs, t -> answer(ctx, outcome));
            } else {
                answer(ctx, outcome);
            }
        });
    }

    private void answer(RoutingContext ctx, Login.Outcome outcome) {
        if (outcome instanceof Login.Success s) {
            Session session = sessions.create(s.user());
            ctx.response().addCookie(Cookie.cookie(Guard.COOKIE, session.id()).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setSecure(secureCookie).setMaxAge(sessions.absolute().toSeconds()));
            Api.json(ctx, 200, me(session));
        } else if (outcome instanceof Login.Locked l) {
            long seconds = Math.max(1, l.retryAfter().toSeconds());
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            Api.errorWith(ctx, 423, new JsonObject().put("code", "LOCKED")
                    .put("message", "too many failed logins; try again in " + seconds + " s").put("retryAfterSeconds", seconds));
        } else {
            Api.error(ctx, 401, "UNAUTHENTICATED", "wrong username or password", null);
        }
    }

    private void logout(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        sessions.remove(caller.session().id());
        ctx.response().addCookie(Cookie.cookie(Guard.COOKIE, "").setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(secureCookie).setMaxAge(0));
        Api.blocking(ctx, () -> {
            audit.record(caller.username(), "LOGOUT", null, null);
            return null;
        });
    }

    static JsonObject me(Session session) {
        return new JsonObject().put("user", userJson(session.user())).put("csrfToken", session.csrfToken());
    }

    public static JsonObject userJson(User u) {
        return new JsonObject().put("id", u.id()).put("username", u.username()).put("role", u.role().name())
                .put("scopeOrgId", u.scopeOrgId()).put("enabled", u.enabled());
    }
}
