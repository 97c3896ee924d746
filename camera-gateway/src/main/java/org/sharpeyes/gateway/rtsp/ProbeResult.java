package org.sharpeyes.gateway.rtsp;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one light probe. Never holds credentials.
 *
 * @param url       the probed URL, masked
 * @param reachable the camera answered RTSP at all (any status)
 * @param status    status of the last answer; 0 when there was none
 * @param latency   from the start of the connect to the last answer (or the failure)
 * @param codecs    from the DESCRIBE answer's SDP, video first as listed; empty when not read
 * @param error     why the camera is not usable; null when it is
 */
public record ProbeResult(String url, boolean reachable, int status, Duration latency, List<String> codecs, Auth auth,
                          String error) {
    public enum Auth {
        /** The camera answered without asking for credentials. */
        NOT_REQUIRED,
        ACCEPTED,
        /** The camera refused the credentials we sent. */
        REFUSED,
        /** The camera asked for credentials and we have none. */
        NO_CREDENTIALS,
        /** The camera asked for an authentication scheme we cannot answer. */
        UNSUPPORTED,
        /** No answer got that far. */
        UNKNOWN
    }

    public ProbeResult {
        codecs = List.copyOf(codecs);
    }

    /** The camera answered and would stream: 200, credentials (if asked) accepted. */
    public boolean ok() {
        return reachable && status == 200 && error == null;
    }
}
