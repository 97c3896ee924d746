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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.sharpeyes.common.Urls;
import org.sharpeyes.gateway.onvif.OnvifException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * One SOAP POST with hard bounds: each HTTP exchange must end within the request timeout (a peer
 * that drips bytes forever is cut off), and the reply body is counted while it arrives and dropped
 * past the size limit. The reply is parsed on a worker thread, never on the event loop.
 *
 * <p>A 401 with a Digest challenge is answered once with {@code Authorization: Digest} (the SOAP
 * envelope, WS-Security included, is sent again unchanged); the accepted challenge is kept, so later
 * requests go authenticated at once. A second 401 is {@link Kind#AUTH_REFUSED}.
 */
final class SoapHttp {
    private static final Logger LOG = LoggerFactory.getLogger(SoapHttp.class);

    private final Vertx vertx;
    private final HttpClient http;
    private final OnvifSettings settings;
    private final Credentials credentials;
    private volatile DigestAuth digest;

    /** {@code credentials} may be null: a 401 is then refused at once. */
    SoapHttp(Vertx vertx, HttpClient http, OnvifSettings settings, Credentials credentials) {
        this.vertx = vertx;
        this.http = http;
        this.settings = settings;
        this.credentials = credentials;
    }

    /** What came back: status, content type, challenges and the (size-bounded) body. */
    private record Answer(int status, String contentType, List<String> challenges, Buffer body) {
    }

    /**
     * Posts {@code envelope} to {@code url} and hands the parsed reply to {@code reader} on a worker
     * thread; any failure is an {@link OnvifException}.
     */
    <T> Future<T> post(URI url, String action, String envelope, Function<Document, T> reader) {
        return exchange(url, action, envelope, digest)
                .compose(a -> a.status() == 401 ? answerChallenge(url, action, envelope, a) : Future.succeededFuture(a))
                .compose(a -> soapBody(url, a))
                .compose(body -> vertx.executeBlocking(() -> reader.apply(Soap.parse(body.getBytes())), false));
    }

    private Future<Answer> answerChallenge(URI url, String action, String envelope, Answer refused) {
        String where = Urls.mask(url.toString());
        if (credentials == null) {
            return Future.failedFuture(new OnvifException(Kind.AUTH_REFUSED, where + " answered HTTP 401 and no credentials are configured"));
        }
        DigestAuth fresh = DigestAuth.accept(challenges(refused), credentials);
        if (fresh == null) {
            return Future.failedFuture(new OnvifException(Kind.AUTH_REFUSED, where + " answered HTTP 401 without a Digest challenge "
                    + "this client can answer (offered: " + offered(refused) + ")"));
        }
        LOG.debug("onvif http digest challenge url={} auth={}", where, fresh);
        digest = fresh;
        return exchange(url, action, envelope, fresh).map(again -> {
            if (again.status() == 401) {
                digest = null;
                throw new OnvifException(Kind.AUTH_REFUSED, where + " refused the HTTP Digest credentials (HTTP 401 again, realm \""
                        + Xml.abbreviate(fresh.realm()) + "\")");
            }
            return again;
        });
    }

    private static Future<Buffer> soapBody(URI url, Answer a) {
        String where = Urls.mask(url.toString());
        String type = String.valueOf(a.contentType()).toLowerCase();
        if (!type.contains("xml")) {
            return Future.failedFuture(new OnvifException(Kind.NOT_ONVIF, where + " answered HTTP " + a.status() + " with "
                    + Xml.abbreviate(type) + ", not SOAP"));
        }
        // Faults come with 400/500: the SOAP layer reads them.
        return Future.succeededFuture(a.body());
    }

    /** Every challenge of every WWW-Authenticate header; unreadable headers count as none. */
    private static List<HttpAuth> challenges(Answer a) {
        List<HttpAuth> out = new ArrayList<>();
        for (String header : a.challenges()) {
            try {
                out.addAll(HttpAuth.parse(header));
            } catch (OnvifException e) {
                LOG.debug("onvif unreadable WWW-Authenticate reason={}", e.getMessage());
            }
        }
        return out;
    }

    private static String offered(Answer a) {
        List<HttpAuth> all = challenges(a);
        return all.isEmpty() ? "no readable challenge"
                : Xml.abbreviate(String.join(", ", all.stream().map(HttpAuth::scheme).toList()));
    }

    /** One bounded HTTP exchange; {@code auth} adds an Authorization header when not null. */
    private Future<Answer> exchange(URI url, String action, String envelope, DigestAuth auth) {
        long timeoutMs = settings.requestTimeout().toMillis();
        Promise<Answer> reply = Promise.promise();
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
        if (auth != null) {
            options.putHeader("Authorization", auth.authorization("POST", requestTarget(url)));
        }
        // Issued from a Vert.x context, the response handlers below are set before any body event is
        // delivered; from another thread (a test, a CLI) a short reply could end before they are.
        vertx.getOrCreateContext().runOnContext(v -> http.request(options)
                .compose(req -> {
                    request.set(req);
                    return req.send(Buffer.buffer(envelope));
                })
                .onSuccess(resp -> read(url, resp, reply))
                .onFailure(e -> reply.tryFail(classify(e, url))));
        return reply.future().andThen(done -> vertx.cancelTimer(timer));
    }

    /** The request-target the Digest response covers: path and query as sent. */
    static String requestTarget(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private void read(URI url, HttpClientResponse resp, Promise<Answer> reply) {
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
        resp.endHandler(v -> reply.tryComplete(new Answer(resp.statusCode(), resp.getHeader("Content-Type"),
                resp.headers().getAll("WWW-Authenticate"), body)));
    }

    private static void tooLarge(HttpClientResponse resp, Promise<?> reply, String where, int max) {
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
