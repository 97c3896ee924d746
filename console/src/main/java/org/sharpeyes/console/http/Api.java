package org.sharpeyes.console.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import org.sharpeyes.gateway.registry.CameraValidationException;
import org.sharpeyes.storage.QueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How handlers answer: blocking work (JDBC, files, SOAP) on a worker thread, the result as JSON,
 * and every failure as the one error shape {@code {"error":{"code","message","field"}}}.
 */
public final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);

    private Api() {
    }

    /** Runs {@code work} off the event loop and answers 200 with its JSON (204 when it returns null). */
    public static void blocking(RoutingContext ctx, Callable<Object> work) {
        blocking(ctx, 200, work);
    }

    public static void blocking(RoutingContext ctx, int status, Callable<Object> work) {
        ctx.vertx().executeBlocking(work, false)
                .onSuccess(result -> json(ctx, status, result))
                .onFailure(e -> fail(ctx, e));
    }

    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        if (body == null) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        // straight to UTF-8 bytes: a page of Chinese names and plates encoded to a String first was
        // built in UTF-16 and then encoded again
        Buffer bytes = body instanceof JsonObject o ? o.toBuffer() : body instanceof JsonArray a ? a.toBuffer()
                : Buffer.buffer(body.toString());
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(bytes);
    }

    /** Maps any failure to the error shape; only unexpected ones are logged (with the path, never the body). */
    public static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof ApiException a) {
            error(ctx, a.status(), a.code(), a.getMessage(), a.field());
        } else if (e instanceof QueryException q) {
            error(ctx, 400, "INVALID", q.getMessage(), q.field());
        } else if (e instanceof CameraValidationException v) {
            JsonArray all = new JsonArray();
            v.errors().forEach(f -> all.add(new JsonObject().put("field", f.field()).put("message", f.reason())));
            errorWith(ctx, 400, new JsonObject().put("code", "INVALID").put("message", v.getMessage())
                    .put("field", v.errors().get(0).field()).put("errors", all));
        } else {
            log.error("request failed method={} path={}", ctx.request().method(), ctx.normalizedPath(), e);
            error(ctx, 500, "INTERNAL", "internal error", null);
        }
    }

    public static void error(RoutingContext ctx, int status, String code, String message, String field) {
        if (ctx.response().ended()) {
            return;
        }
        JsonObject body = new JsonObject().put("code", code).put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        errorWith(ctx, status, body);
    }

    /** An error with extra members beyond code, message and field. */
    public static void errorWith(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", body).encode());
    }
}
