package org.sharpeyes.gateway.codec;

/** A parameter set (SPS, VPS) that cannot be read: truncated, or a field out of its range. */
public final class MalformedNalException extends IllegalArgumentException {
    public MalformedNalException(String message) {
        super(message);
    }
}
