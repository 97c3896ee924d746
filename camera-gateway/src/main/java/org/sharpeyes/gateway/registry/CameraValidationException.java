package org.sharpeyes.gateway.registry;

import java.util.List;
import java.util.stream.Collectors;

/** Camera input refused; carries every field error at once so a form can show them all. */
public final class CameraValidationException extends IllegalArgumentException {
    private final List<FieldError> errors;

    public CameraValidationException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
