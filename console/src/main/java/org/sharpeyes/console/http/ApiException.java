package org.sharpeyes.console.http;

/**
 * A request the API refuses, with the HTTP status, a stable code clients can switch on, a message
 * for people and, where one input is at fault, its name.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "INVALID", field + ": " + message, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " not found", null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message, null);
    }

    /** Out-of-scope data answers like missing data would not: the caller learns only that it is not theirs. */
    public static ApiException outOfScope() {
        return new ApiException(403, "OUT_OF_SCOPE", "outside your organisation scope", null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
