package org.sharpeyes.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.console.ConsoleSettings;
import org.sharpeyes.console.testing.Browser;
import org.sharpeyes.console.testing.ConsoleFixture;

class LoginTest {
    static final ConsoleSettings SETTINGS = new ConsoleSettings(Duration.ofMinutes(30), Duration.ofHours(12), 3,
            Duration.ofMinutes(15), Duration.ofMillis(200), null, null);
    static ConsoleFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ConsoleFixture(SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void loginSetsAnHttpOnlySameSiteStrictCookieAndReturnsTheCsrfToken() throws Exception {
        Browser b = new Browser(fx);
        HttpResponse<String> r = b.post("/api/auth/login", new JsonObject().put("username", ConsoleFixture.ADMIN)
                .put("password", ConsoleFixture.ADMIN_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(200);
        String cookie = r.headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith("SE_SESSION=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("csrfToken")).hasSizeGreaterThan(30);
        assertThat(body.getJsonObject("user").getString("role")).isEqualTo("ADMIN");
        assertThat(body.encode()).doesNotContain("argon2").doesNotContain(ConsoleFixture.ADMIN_PASSWORD);
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(200);
    }

    @Test
    void everyApiPathButHealthAndLoginNeedsASession() throws Exception {
        Browser anonymous = new Browser(fx);
        for (String path : List.of("/api/cameras", "/api/events", "/api/org-units", "/api/users", "/api/audit", "/api/auth/me")) {
            HttpResponse<String> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(anonymous.get("/api/openapi.yaml").statusCode()).isEqualTo(200);
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfHeaderAreRefused() throws Exception {
        Browser b = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
        b.forgetCsrf();
        HttpResponse<String> r = b.post("/api/watchlist", new JsonObject().put("pattern", "渝A12345").put("reason", "x").put("caseRef", "C1"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo("CSRF");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        Browser b = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
        assertThat(b.post("/api/auth/logout", null).statusCode()).isEqualTo(204);
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void anIdleSessionExpires() throws Exception {
        Browser b = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
        fx.clock.advance(Duration.ofMinutes(20));
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(200);
        fx.clock.advance(Duration.ofMinutes(31));
        assertThat(b.get("/api/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresAreSlowedThenLockTheAccountEvenForTheRightPassword() throws Exception {
        Browser admin = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
        assertThat(admin.post("/api/users", new JsonObject().put("username", "guesswork").put("password", "a-long-password-1")
                .put("role", "OPERATOR")).statusCode()).isEqualTo(201);
        Browser attacker = new Browser(fx);
        JsonObject wrong = new JsonObject().put("username", "guesswork").put("password", "wrong-password-00");
        long t0 = System.nanoTime();
        assertThat(attacker.post("/api/auth/login", wrong).statusCode()).isEqualTo(401);
        long first = System.nanoTime() - t0;
        t0 = System.nanoTime();
        assertThat(attacker.post("/api/auth/login", wrong).statusCode()).isEqualTo(401);
        long second = System.nanoTime() - t0;
        assertThat(Duration.ofNanos(first)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(second)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        HttpResponse<String> third = attacker.post("/api/auth/login", wrong);
        assertThat(third.statusCode()).isEqualTo(423);
        assertThat(new JsonObject(third.body()).getJsonObject("error").getLong("retryAfterSeconds")).isEqualTo(900);
        HttpResponse<String> right = attacker.post("/api/auth/login", new JsonObject().put("username", "guesswork")
                .put("password", "a-long-password-1"));
        assertThat(right.statusCode()).isEqualTo(423);
        fx.clock.advance(Duration.ofMinutes(16));
        assertThat(attacker.post("/api/auth/login", new JsonObject().put("username", "guesswork")
                .put("password", "a-long-password-1")).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownUsersFailLikeWrongPasswords() throws Exception {
        HttpResponse<String> r = new Browser(fx).post("/api/auth/login", new JsonObject().put("username", "nobody")
                .put("password", "whatever-it-is"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("message")).isEqualTo("wrong username or password");
    }

    @Test
    void malformedLoginBodiesGetAFieldError() throws Exception {
        Browser b = new Browser(fx);
        HttpResponse<String> r = b.post("/api/auth/login", "{\"username\": 5}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("field")).isEqualTo("username");
        assertThat(b.post("/api/auth/login", "not json").statusCode()).isEqualTo(400);
    }

    @Test
    void loginsAndFailuresAreAudited() throws Exception {
        new Browser(fx).post("/api/auth/login", new JsonObject().put("username", "intruder").put("password", "nope-nope-nope"));
        Browser admin = new Browser(fx).login(ConsoleFixture.ADMIN, ConsoleFixture.ADMIN_PASSWORD);
        String audit = admin.get("/api/audit?limit=500").body();
        assertThat(audit).contains("\"action\":\"LOGIN_FAILED\"").contains("intruder").contains("\"action\":\"LOGIN\"");
        assertThat(new JsonObject(admin.get("/api/audit/verify").body()).getBoolean("ok")).isTrue();
    }
}
