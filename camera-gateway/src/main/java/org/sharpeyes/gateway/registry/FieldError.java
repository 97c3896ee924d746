package org.sharpeyes.gateway.registry;

/** One input field and why it was refused; never quotes a password. */
public record FieldError(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
