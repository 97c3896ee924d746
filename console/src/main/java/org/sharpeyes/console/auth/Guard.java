package org.sharpeyes.console.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.sharpeyes.console.http.Api;
import org.sharpeyes.console.scope.OrgDirectory;

/**
 * Lets a request through only with a live session cookie and, for anything that changes state,
 * the session's CSRF token in {@value #CSRF_HEADER}. Unsafe methods need the token even with
 * SameSite cookies: SameSite does not cover same-site subdomains or old browsers.
 */
public final class Guard {
    public static final String COOKIE = "SE_SESSION";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final Sessions sessions;
    private final OrgDirectory orgs;

    public Guard(Sessions sessions, OrgDirectory orgs) {
        this.sessions = sessions;
        this.orgs = orgs;
    }

    public void handle(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        Session session = sessions.find(cookie == null ? null : cookie.getValue()).orElse(null);
        if (session == null) {
            Api.error(ctx, 401, "UNAUTHENTICATED", "log in first", null);
            return;
        }
        if (!SAFE.contains(ctx.request().method()) && !Sessions.csrfMatches(session, ctx.request().getHeader(CSRF_HEADER))) {
            Api.error(ctx, 403, "CSRF", "missing or wrong " + CSRF_HEADER + " header", null);
            return;
        }
        new Caller(session, orgs).attach(ctx);
        ctx.next();
    }
}
