package org.sharpeyes.gateway.rtsp;

/** A camera's RTSP answer (header or SDP) could not be read; the message names the part and why. */
public final class RtspParseException extends RuntimeException {
    public RtspParseException(String message) {
        super(message);
    }
}
