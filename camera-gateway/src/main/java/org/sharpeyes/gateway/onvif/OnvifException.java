package org.sharpeyes.gateway.onvif;

/**
 * Why an ONVIF exchange failed, in one line fit for a log or a CLI error. Messages never carry
 * credentials.
 */
public final class OnvifException extends RuntimeException {
    public enum Kind {
        /** No TCP connection (refused, no route, unknown host, connect timeout). */
        UNREACHABLE,
        /** The device refused the credentials (ter:NotAuthorized or HTTP 401). */
        AUTH_REFUSED,
        /** The peer answered, but not as an ONVIF device (HTTP error page, not SOAP). */
        NOT_ONVIF,
        /** No complete answer within the configured time. */
        TIMEOUT,
        /** The answer exceeded the configured body size limit. */
        TOO_LARGE,
        /** The answer is not well-formed, safe or expected XML (DOCTYPE, wrong namespace, missing element). */
        MALFORMED,
        /** A SOAP fault other than an authentication refusal. */
        FAULT
    }

    private final Kind kind;

    public OnvifException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The one-line reason, e.g. {@code auth refused: ...}. */
    public String reason() {
        return kind.name().toLowerCase().replace('_', ' ') + ": " + getMessage();
    }
}
