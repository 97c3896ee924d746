package org.sharpeyes.console.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A JSON object request body with typed, checked fields; a bad one is a 400 naming the field. */
public final class Body {
    private final JsonObject json;

    private Body(JsonObject json) {
        this.json = json;
    }

    public static Body of(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(text);
            if (v instanceof JsonObject o) {
                return new Body(o);
            }
        } catch (DecodeException e) {
            throw ApiException.invalid("body", "not valid JSON");
        }
        throw ApiException.invalid("body", "must be a JSON object");
    }

    public boolean has(String name) {
        return json.containsKey(name) && json.getValue(name) != null;
    }

    /** Trimmed text up to {@code max} characters, null when absent. */
    public String text(String name, int max) {
        Object v = json.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.invalid(name, "must be a string");
        }
        s = s.strip();
        if (s.length() > max) {
            throw ApiException.invalid(name, "at most " + max + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    public String requiredText(String name, int max) {
        String v = text(name, max);
        if (v == null) {
            throw ApiException.invalid(name, "required");
        }
        return v;
    }

    public Double number(String name) {
        Object v = json.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw ApiException.invalid(name, "must be a number");
        }
        return n.doubleValue();
    }

    public double number(String name, double min, double max) {
        Double v = number(name);
        if (v == null) {
            throw ApiException.invalid(name, "required");
        }
        if (v < min || v > max) {
            throw ApiException.invalid(name, "must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    public Long whole(String name) {
        Double v = number(name);
        if (v == null) {
            return null;
        }
        if (v != Math.rint(v)) {
            throw ApiException.invalid(name, "must be a whole number");
        }
        return v.longValue();
    }

    public Boolean bool(String name) {
        Object v = json.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw ApiException.invalid(name, "must be true or false");
        }
        return b;
    }

    public Instant instant(String name) {
        String v = text(name, 64);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "an ISO-8601 UTC time like 2026-12-01T08:00:00Z");
        }
    }

    public JsonArray array(String name) {
        Object v = json.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray a)) {
            throw ApiException.invalid(name, "must be an array");
        }
        return a;
    }

    public JsonObject object(String name) {
        Object v = json.getValue(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            throw ApiException.invalid(name, "must be an object");
        }
        return o;
    }

    public JsonObject json() {
        return json;
    }
}
