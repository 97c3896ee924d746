package org.sharpeyes.storage;

/** A search parameter is missing or wrong; {@link #field()} names it for the API error. */
public final class QueryException extends IllegalArgumentException {
    private final String field;

    public QueryException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
