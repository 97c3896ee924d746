package org.sharpeyes.gateway.onvif;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.sharpeyes.common.Urls;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.w3c.dom.Document;

/**
 * One SOAP POST with hard bounds: the whole exchange must end within the request timeout (a peer
 * that drips bytes forever is cut off), and the reply body is counted while it arrives and dropped
 * past the size limit. The reply is parsed on a worker thread, never on the event loop.
 */
final class SoapHttp {
    private final Vertx vertx;
    private final HttpClient http;
    private final OnvifSettings settings;

    SoapHttp(Vertx vertx, HttpClient http, OnvifSettings settings) {
        this.vertx = vertx;
        this.http = http;
        this.settings = settings;
    }

    /**
     * Posts {@code envelope} to {@code url} and hands the parsed reply to {@code reader} on a worker
     * thread; any failure is an {@link OnvifException}.
     */
    <T> Future<T> post(URI url, String action, String envelope, Function<Document, T> reader) {
        long timeoutMs = settings.requestTimeout().toMillis();
        Promise<Buffer> reply = Promise.promise();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (reply.tryFail(new OnvifException(Kind.TIMEOUT, "no complete reply from " + Urls.mask(url.toString())
                    + " within " + timeoutMs + " ms"))) {
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url.toString())
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .putHeader("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"");
        http.request(options)
                .compose(req -> {
                    request.set(req);
                    return req.send(Buffer.buffer(envelope));
                })
                .onSuccess(resp -> read(url, resp, reply))
                .onFailure(e -> reply.tryFail(classify(e, url)));
        return reply.future()
                .andThen(done -> vertx.cancelTimer(timer))
                .compose(body -> vertx.executeBlocking(() -> reader.apply(Soap.parse(body.getBytes())), false));
    }

    private void read(URI url, HttpClientResponse resp, Promise<Buffer> reply) {
        int max = settings.maxBodyBytes();
        String where = Urls.mask(url.toString());
        // After a deliberate reset the stream reports it here; the reply has failed already then.
        resp.exceptionHandler(e -> reply.tryFail(classify(e, url)));
        String length = resp.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
            tooLarge(resp, reply, where, max);
            return;
        }
        Buffer body = Buffer.buffer();
        resp.handler(chunk -> {
            if (body.length() + chunk.length() > max) {
                tooLarge(resp, reply, where, max);
            } else {
                body.appendBuffer(chunk);
            }
        });
        resp.endHandler(v -> {
            int status = resp.statusCode();
            String type = String.valueOf(resp.getHeader("Content-Type")).toLowerCase();
            if (status == 401) {
                reply.tryFail(new OnvifException(Kind.AUTH_REFUSED, where + " answered HTTP 401"));
            } else if (!type.contains("xml")) {
                reply.tryFail(new OnvifException(Kind.NOT_ONVIF, where + " answered HTTP " + status + " with "
                        + Xml.abbreviate(type) + ", not SOAP"));
            } else {
                // Faults come with 400/500: the SOAP layer reads them.
                reply.tryComplete(body);
            }
        });
    }

    private static void tooLarge(HttpClientResponse resp, Promise<Buffer> reply, String where, int max) {
        if (reply.tryFail(new OnvifException(Kind.TOO_LARGE, "reply from " + where + " exceeds " + max + " bytes"))) {
            resp.request().reset();
        }
    }

    static OnvifException classify(Throwable e, URI url) {
        String where = Urls.mask(url.toString());
        if (e instanceof OnvifException o) {
            return o;
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException) {
            return new OnvifException(Kind.UNREACHABLE, "cannot connect to " + where + ": " + e.getMessage());
        }
        if (e instanceof TimeoutException) {
            return new OnvifException(Kind.TIMEOUT, where + ": " + e.getMessage());
        }
        if (e instanceof HttpClosedException) {
            return new OnvifException(Kind.NOT_ONVIF, where + " closed the connection before a complete reply");
        }
        return new OnvifException(Kind.UNREACHABLE, where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
