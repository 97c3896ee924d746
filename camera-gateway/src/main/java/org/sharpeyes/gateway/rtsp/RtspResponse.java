package org.sharpeyes.gateway.rtsp;

import java.util.Map;
import java.util.TreeMap;

/**
 * One RTSP response as read from an interleaved connection.
 *
 * @param headers names case-insensitive; a repeated header keeps its last value
 */
record RtspResponse(int status, String reason, Map<String, String> headers, byte[] body) {
    RtspResponse {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
    }

    String header(String name) {
        return headers.get(name);
    }

    /** "401 Unauthorized" */
    String statusLine() {
        return status + (reason.isEmpty() ? "" : " " + reason);
    }
}
