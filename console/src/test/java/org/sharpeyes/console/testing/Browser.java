package org.sharpeyes.console.testing;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An HTTP client that keeps cookies and sends the CSRF token like the web UI does. */
public final class Browser {
    private final ConsoleFixture fixture;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    public Browser(ConsoleFixture fixture) {
        this.fixture = fixture;
        // HTTP/1.1 as browsers speak it to a plain-http server: the JDK client's default h2c upgrade
        // attempt can leave a large response hanging.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
    }

    /** Logs in; fails the test unless it worked. */
    public Browser login(String username, String password) throws Exception {
        HttpResponse<String> r = post("/api/auth/login", new JsonObject().put("username", username).put("password", password));
        if (r.statusCode() != 200) {
            throw new AssertionError("login " + username + ": " + r.statusCode() + " " + r.body());
        }
        csrf = new JsonObject(r.body()).getString("csrfToken");
        return this;
    }

    public CookieManager cookies() {
        return cookies;
    }

    public void forgetCsrf() {
        csrf = null;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, Object body) throws Exception {
        return send("POST", path, body);
    }

    public HttpResponse<String> put(String path, Object body) throws Exception {
        return send("PUT", path, body);
    }

    public HttpResponse<String> delete(String path) throws Exception {
        return send("DELETE", path, null);
    }

    public HttpResponse<String> send(String method, String path, Object body) throws Exception {
        String text = body == null ? "" : body instanceof String s ? s : Json.encode(body);
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendBytes(String method, String path, Object body) throws Exception {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(Json.encode(body), StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fixture.url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return b;
    }
}
