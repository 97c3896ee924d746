package org.sharpeyes.console.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/** Query and path parameters (or a flat JSON object of them), parsed and checked; a bad one is a 400 naming it. */
public final class Params {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final int MAX_TEXT = 200;

    private final Function<String, String> source;

    private Params(Function<String, String> source) {
        this.source = source;
    }

    /** Path parameters first, then the query string. */
    public static Params of(RoutingContext ctx) {
        return new Params(name -> {
            String v = ctx.pathParam(name);
            return v != null ? v : ctx.request().getParam(name);
        });
    }

    /** The string and number members of a JSON object, as if they were query parameters. */
    public static Params of(JsonObject json) {
        return new Params(name -> {
            Object v = json.getValue(name);
            return v instanceof String || v instanceof Number ? v.toString() : null;
        });
    }

    /** Trimmed text, null when absent or empty. */
    public String text(String name) {
        String v = source.apply(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.length() > MAX_TEXT) {
            throw ApiException.invalid(name, "at most " + MAX_TEXT + " characters");
        }
        return v;
    }

    public String requiredText(String name) {
        String v = text(name);
        if (v == null) {
            throw ApiException.invalid(name, "required");
        }
        return v;
    }

    public Instant instant(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "an ISO-8601 UTC time like 2026-12-01T08:00:00Z, got '" + v + "'");
        }
    }

    public Instant requiredInstant(String name) {
        Instant v = instant(name);
        if (v == null) {
            throw ApiException.invalid(name, "required");
        }
        return v;
    }

    public UUID uuid(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "a UUID, got '" + v + "'");
        }
    }

    public UUID requiredUuid(String name) {
        UUID v = uuid(name);
        if (v == null) {
            throw ApiException.invalid(name, "required");
        }
        return v;
    }

    public Long longValue(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "a whole number, got '" + v + "'");
        }
    }

    public long requiredLong(String name) {
        Long v = longValue(name);
        if (v == null) {
            throw ApiException.invalid(name, "required");
        }
        return v;
    }

    public boolean flag(String name) {
        String v = text(name);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalid(name, "true or false, got '" + v + "'");
        };
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + v + "'");
        }
    }

    public int limit() {
        Long v = longValue("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        if (v < 1 || v > MAX_LIMIT) {
            throw ApiException.invalid("limit", "1 to " + MAX_LIMIT + ", got " + v);
        }
        return v.intValue();
    }
}
