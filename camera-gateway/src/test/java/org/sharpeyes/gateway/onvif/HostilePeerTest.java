package org.sharpeyes.gateway.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sharpeyes.gateway.onvif.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;

/** A peer that answers badly on purpose: each answer is a clear error within the timeout, never a hang. */
class HostilePeerTest {
    static final Duration TIMEOUT = Duration.ofMillis(1500);
    static final String GOOD_TIME = "<tds:GetSystemDateAndTimeResponse xmlns:tds=\"" + Ns.DEVICE + "\" xmlns:tt=\"" + Ns.SCHEMA
            + "\"><tds:SystemDateAndTime><tt:UTCDateTime><tt:Time><tt:Hour>1</tt:Hour><tt:Minute>2</tt:Minute>"
            + "<tt:Second>3</tt:Second></tt:Time><tt:Date><tt:Year>2026</tt:Year><tt:Month>1</tt:Month><tt:Day>2</tt:Day>"
            + "</tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";

    static Vertx vertx;
    static HttpServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            HttpServerResponse resp = req.response().putHeader("Content-Type", "application/soap+xml; charset=utf-8");
            switch (req.path()) {
                case "/huge" -> pump(resp.setChunked(true), 50 * 1024 * 1024);
                case "/huge-declared" -> {
                    resp.putHeader("Content-Length", String.valueOf(50 * 1024 * 1024));
                    pump(resp, 50 * 1024 * 1024);
                }
                case "/xxe" -> resp.end("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\"><s:Body><x>&x;</x></s:Body></s:Envelope>");
                case "/laughs" -> resp.end("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                        + "<s:Envelope xmlns:s=\"" + Ns.SOAP + "\"><s:Body>&c;</s:Body></s:Envelope>");
                case "/soap11" -> resp.end("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                        + GOOD_TIME + "</s:Body></s:Envelope>");
                case "/wrong-ns" -> resp.end(Soap.envelope("", GOOD_TIME.replace(Ns.DEVICE, "http://example.com/not-onvif")));
                case "/garbage" -> {
                    byte[] junk = new byte[4096];
                    new Random(7).nextBytes(junk);
                    resp.end(Buffer.buffer(junk));
                }
                case "/drip" -> {
                    resp.setChunked(true).write("<s:Envelope xmlns:s=\"" + Ns.SOAP + "\"><s:Body>");
                    long id = vertx.setPeriodic(100, t -> resp.write(" "));
                    resp.closeHandler(v -> vertx.cancelTimer(id));
                }
                case "/silent" -> {
                    // never answers
                }
                case "/html" -> resp.setStatusCode(200).putHeader("Content-Type", "text/html").end("<html>login</html>");
                default -> resp.end(Soap.envelope("", GOOD_TIME));
            }
        })).listen(0, "127.0.0.1"));
    }

    /** Writes {@code total} bytes of whitespace inside an open element, respecting back-pressure. */
    static void pump(HttpServerResponse resp, long total) {
        Buffer chunk = Buffer.buffer(" ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII));
        resp.write("<s:Envelope xmlns:s=\"" + Ns.SOAP + "\"><s:Body>");
        long[] sent = {0};
        Runnable[] more = new Runnable[1];
        more[0] = () -> {
            while (!resp.writeQueueFull() && sent[0] < total && !resp.closed()) {
                resp.write(chunk);
                sent[0] += chunk.length();
            }
            if (sent[0] >= total) {
                resp.end("</s:Body></s:Envelope>");
            } else {
                resp.drainHandler(v -> more[0].run());
            }
        };
        more[0].run();
    }

    @AfterAll
    static void stop() {
        await(vertx.close());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/huge, TOO_LARGE, exceeds",
            "/huge-declared, TOO_LARGE, exceeds",
            "/xxe, MALFORMED, DOCTYPE",
            "/laughs, MALFORMED, DOCTYPE",
            "/soap11, MALFORMED, SOAP 1.2 Envelope",
            "/wrong-ns, MALFORMED, expected {http://www.onvif.org/ver10/device/wsdl}GetSystemDateAndTimeResponse",
            "/garbage, MALFORMED, not well-formed",
            "/drip, TIMEOUT, within 1500 ms",
            "/silent, TIMEOUT, within 1500 ms",
            "/html, NOT_ONVIF, text/html",
    })
    void aBadAnswerIsAClearErrorWithinTheTimeout(String path, Kind kind, String says) {
        URI url = URI.create("http://127.0.0.1:" + server.actualPort() + path);
        OnvifClient client = new OnvifClient(vertx, vertx.createHttpClient(), url, null,
                new OnvifSettings(TIMEOUT, 1 << 20));
        long start = System.nanoTime();
        assertThatThrownBy(() -> await(client.readClock()))
                .isInstanceOfSatisfying(OnvifException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains(says);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(2));
    }

    @org.junit.jupiter.api.Test
    void theSameServerAnsweringWellIsRead() {
        URI url = URI.create("http://127.0.0.1:" + server.actualPort() + "/ok");
        OnvifClient client = new OnvifClient(vertx, vertx.createHttpClient(), url, null, new OnvifSettings(TIMEOUT, 1 << 20));
        assertThat(await(client.readClock()).deviceTime()).hasToString("2026-01-02T01:02:03Z");
    }
}
