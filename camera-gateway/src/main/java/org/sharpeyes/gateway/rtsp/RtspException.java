package org.sharpeyes.gateway.rtsp;

/** Why a connection to a camera failed or ended; the message is one line without credentials. */
public final class RtspException extends Exception {
    public enum Kind {
        /** nothing listens, or no route */
        UNREACHABLE,
        /** the camera refused the credentials (401/403) */
        AUTH,
        /** the path does not exist on the camera (404) */
        NOT_FOUND,
        /** no answer or no data within the I/O timeout */
        TIMEOUT,
        /** the camera closed the stream */
        ENDED,
        /** the camera answered something unusable (no video stream, protocol error, ...) */
        PROTOCOL,
        /** we closed it ourselves */
        ABORTED
    }

    private final Kind kind;

    public RtspException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
